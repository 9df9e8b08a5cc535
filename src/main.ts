// `npm start`: serves the desk on embedded defaults.
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createApp } from "./app.js";

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
const app = createApp(config, (line) => console.log(line));
await app.http.listen({ host: config.host, port: config.port });
console.log(`service desk listening on http://${config.host}:${config.port}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight requests and stopping`);
    app.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
