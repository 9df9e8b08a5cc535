/**
 * The file a worker thread starts from. Run from the TypeScript sources (`npm start`, the tests,
 * the benches), a boot file that registers tsx first, so the worker's .ts loads as the main
 * thread's does; run from the compiled build (`npm run start:prod`), the compiled worker itself,
 * with no tsx at all. `from` is the caller's import.meta.url: a .js URL means the build.
 */
export function workerEntry(from: string, worker: string, boot: string): URL {
  return new URL(new URL(from).pathname.endsWith(".js") ? `./worker/${worker}.js` : `./worker/${boot}`, from);
}
