import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
/** Where `npm start` listens, for `vite --config agent-console/vite.config.ts` during development. */
const desk = process.env.DESK_URL ?? "http://127.0.0.1:3000";

/**
 * The agents' console: a single-page app the server serves at /console (src/console/plugin.ts).
 * JSX goes through Vite's own Oxc transform with React's automatic runtime, so no React plugin is
 * needed (there is no Fast Refresh in development; a save reloads the page).
 */
export default defineConfig({
  root,
  base: "/console/",
  publicDir: false,
  oxc: {
    jsx: { runtime: "automatic", importSource: "react" },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // One script and one stylesheet: the console is small and loaded once per shift.
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
  server: {
    proxy: {
      "/api": desk,
      "/socket.io": { target: desk, ws: true },
    },
  },
});
