import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The data folder holds personal data (sealed, but also masked text, staff password hashes) and,
 * in development, the keys: only the desk's own user may read it. The folder is 0700 and each of
 * our files in it 0600, also when an earlier version or a copy left them looser; what belongs to
 * another user is not changed, only warned about.
 */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** Our files in the data folder: SQLite files with their logs, generated secrets, demo passwords. */
const OURS = /^(?:.+\.sqlite(?:-wal|-shm|-journal)?|secrets\.json|demo-staff\.json|admin-credentials(?:-\d+)?\.json)$/;

export type Warn = (message: string) => void;

/** Each problem once per process, though every part opening a file in the folder looks again. */
const warned = new Set<string>();
const defaultWarn: Warn = (message) => {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: "DESK_FILE_MODE" });
};

/** Whether the file belongs to this process's user (always true where there are no uids). */
const mine = (uid: number) => process.getuid === undefined || uid === process.getuid();

function tighten(path: string, mode: number, warn: Warn): void {
  const stat = statSync(path);
  if ((stat.mode & 0o777 & ~mode) === 0) return;
  const shown = `0${(stat.mode & 0o777).toString(8)}`;
  if (mine(stat.uid)) {
    chmodSync(path, mode);
    return;
  }
  warn(`${path} belongs to uid ${stat.uid} and is open to others (mode ${shown}); give it to the desk's user, mode 0${mode.toString(8)}`);
}

/**
 * Creates the data folder 0700 (its parents as usual) or tightens it, and tightens our files in it
 * to 0600. Cheap enough to run whenever a part opens a file there.
 */
export function securePrivateFolder(dir: string, warn: Warn = defaultWarn): void {
  if (!existsSync(dir)) {
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
  }
  if (process.platform === "win32") return;
  tighten(dir, FOLDER_MODE, warn);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && OURS.test(entry.name)) tighten(join(dir, entry.name), FILE_MODE, warn);
  }
}

/**
 * Makes ready a SQLite file to open: its folder private, the file created empty with mode 0600
 * when missing (SQLite takes an empty file as an empty database, and gives the -wal and -shm files
 * it creates the mode of the database), an existing one and its logs tightened.
 */
export function preparePrivateDatabase(file: string, warn: Warn = defaultWarn): void {
  securePrivateFolder(dirname(file), warn);
  if (!existsSync(file)) closeSync(openSync(file, "a", FILE_MODE));
  // Named as ours, the folder's pass above has seen to them.
  if (process.platform === "win32" || OURS.test(basename(file))) return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) tighten(path, FILE_MODE, warn);
}
