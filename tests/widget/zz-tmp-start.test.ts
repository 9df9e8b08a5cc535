import { it } from "vitest";
import { startTestServer } from "/work/main/tests/testing/server.js";
it("start", async () => {
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    const s = await startTestServer({ env: { DEMO_STAFF: "false" } });
    const t2 = Date.now();
    await s.stop(); s.cleanup();
    console.log("start", t2 - t, "stop", Date.now() - t2);
  }
});
