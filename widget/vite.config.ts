import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Builds the widget as ONE classic script (IIFE): host sites paste a single tag, so there must be
 * no chunks to lazy-load and no separate CSS file (styles are imported as a string with `?inline`
 * and put inside the shadow root).
 */
export default defineConfig({
  root,
  publicDir: false,
  resolve: {
    // markdown-it's entity table (about 15 kB gzipped) swapped for the browser's own: see the file.
    alias: [{ find: /^entities$/, replacement: fileURLToPath(new URL("src/html-entities.ts", import.meta.url)) }],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    minify: true,
    sourcemap: false,
    cssCodeSplit: false,
    lib: {
      entry: "src/main.ts",
      formats: ["iife"],
      name: "ShebaoDeskWidget",
      fileName: () => "widget.js",
    },
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
});
