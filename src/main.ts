// `npm start`: serves the desk on embedded defaults.
import { createApp } from "./app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { StoreUnreachableError } from "./storage/open-storage.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
let app: Awaited<ReturnType<typeof createApp>>;
try {
  app = await createApp(config, (line) => console.log(line));
} catch (error) {
  if (error instanceof StoreUnreachableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const url = await app.start();
console.log(`service desk listening on ${url} (demo page: ${url}/)`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight turns and stopping`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
