import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_CITIZENS } from "../../src/records/demo/index.js";
import { ChatClient } from "../testing/chat-client.js";
import { nluPaths, projectRoot } from "../testing/nlu.js";

describe("logs", () => {
  it("never contain personal data or link capabilities, at the most verbose level", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "logs-"));
    const stream = new PassThrough();
    let logged = "";
    stream.on("data", (chunk) => {
      logged += chunk.toString();
    });
    const config = loadConfig(
      { DATA_DIR: dataDir, MODELS_DIR: nluPaths.modelsDir, PORT: "0", LOG_LEVEL: "trace", DEMO_STATUS_STEP_MS: "0", CHAT_RATE_LIMIT: "1000" },
      projectRoot,
    );
    const app = await createApp(config, () => {}, { logStream: stream });
    const url = await app.start();
    const zhao = DEMO_CITIZENS.cardHolder;
    try {
      const c = await ChatClient.connect(url);
      await c.ask("我要开参保证明");
      await c.ask(`参保证明，我叫${zhao.name}，身份证${zhao.idNumber}，手机13912345678`);
      const issued = await c.ask("确认提交");
      const link = issued.links?.[0]?.url as string;
      await fetch(link);
      await fetch(`${url}/verify?code=ZZZZ-ZZZZ-ZZZZ-ZZZZ`);
      await fetch(`${url}/api/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `身份证${zhao.idNumber}` }) });
      c.close();
      expect(logged.length).toBeGreaterThan(0);
      expect(logged).toContain("/certificates/");
      for (const secret of [zhao.idNumber, zhao.name, "13912345678", new URL(link).searchParams.get("sig") as string, "ZZZZ-ZZZZ"]) {
        expect(logged.includes(secret), secret).toBe(false);
      }
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
