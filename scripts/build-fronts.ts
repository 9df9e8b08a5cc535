// `npm run build` (and before every `npm start`): builds the widget and the agent console when their
// sources changed since the last build; otherwise says they are up to date and does nothing.
import { ensureFrontBuilt, type Front, viteBuild } from "./fronts.js";

const root = process.cwd();
const force = process.argv.includes("--force");
for (const front of ["widget", "agent-console"] as Front[]) {
  const started = performance.now();
  const built = await ensureFrontBuilt(root, front, (f) => viteBuild(root, f), force);
  const ms = Math.round(performance.now() - started);
  console.log(built ? `${front}: built in ${ms} ms` : `${front}: up to date (${ms} ms)`);
}
