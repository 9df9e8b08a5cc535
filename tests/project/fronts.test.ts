import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureFrontBuilt, type Front, frontInputs } from "../../scripts/fronts.js";
import { projectRoot } from "../testing/nlu.js";

const root = mkdtempSync(join(tmpdir(), "fronts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

// A miniature project laid out like ours: the widget imports a module that imports the server's types.
write("widget/src/main.ts", 'import { draw } from "./draw";\nimport css from "./styles.css?inline";\ndraw(css);\n');
write("widget/src/draw.ts", 'import type { MessageView } from "../../src/protocol/events.js";\nexport const draw = (_: string) => {};\n');
write("widget/src/styles.css", ".a{}\n");
write("widget/vite.config.ts", "export default {};\n");
write("src/protocol/events.ts", "export interface MessageView { id: string }\n");
write("src/unrelated.ts", "export const x = 1;\n");
write("package-lock.json", "{}\n");

describe("front-end builds", () => {
  let builds = 0;
  const build = async (front: Front) => {
    builds++;
    write(`${front}/dist/widget.js`, "built\n");
  };

  it("follows the entry point's relative imports into the server's shared types", () => {
    expect(frontInputs(root, "widget")).toEqual([
      "package-lock.json",
      "src/protocol/events.ts",
      "widget/src/draw.ts",
      "widget/src/main.ts",
      "widget/src/styles.css",
      "widget/vite.config.ts",
    ]);
  });

  it("builds when there is no output, then not again while nothing it is built from changed", async () => {
    expect(await ensureFrontBuilt(root, "widget", build)).toBe(true);
    expect(await ensureFrontBuilt(root, "widget", build)).toBe(false);
    write("src/unrelated.ts", "export const x = 2;\n");
    expect(await ensureFrontBuilt(root, "widget", build)).toBe(false);
    expect(builds).toBe(1);
  });

  it("builds again when an imported file, the shared types or the lockfile change", async () => {
    for (const [file, text] of [
      ["widget/src/styles.css", ".a{color:red}\n"],
      ["src/protocol/events.ts", "export interface MessageView { id: string; seq: number }\n"],
      ["package-lock.json", '{"v":2}\n'],
    ] as const) {
      const before = builds;
      write(file, text);
      expect(await ensureFrontBuilt(root, "widget", build), file).toBe(true);
      expect(builds).toBe(before + 1);
      expect(await ensureFrontBuilt(root, "widget", build)).toBe(false);
    }
  });

  it("builds again when the output was deleted", async () => {
    rmSync(join(root, "widget/dist/widget.js"));
    expect(await ensureFrontBuilt(root, "widget", build)).toBe(true);
  });

  it("the real console's inputs include the protocol files it shares with the server", () => {
    const inputs = frontInputs(projectRoot, "agent-console");
    expect(inputs).toEqual(expect.arrayContaining(["src/protocol/agent-events.ts", "src/protocol/events.ts", "agent-console/index.html"]));
  });
});
