import { randomBytes } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { type KnowledgeAnnouncements, localAnnouncements, redisAnnouncements } from "../../src/publishing/announcements.js";
import { describeRedis, redisUrl } from "../testing/redis.js";

const opened: KnowledgeAnnouncements[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
});

async function heard(a: KnowledgeAnnouncements, count: number): Promise<number[]> {
  const got: number[] = [];
  a.onAnnounced((v) => got.push(v));
  return new Promise((resolve, reject) => {
    const end = Date.now() + 5_000;
    const look = setInterval(() => {
      if (got.length >= count) {
        clearInterval(look);
        resolve(got);
      } else if (Date.now() > end) {
        clearInterval(look);
        reject(new Error(`heard ${got.length} of ${count}`));
      }
    }, 10);
  });
}

it("in one process, an announcement reaches this process's listeners", async () => {
  const a = localAnnouncements();
  const hearing = heard(a, 1);
  await a.announce(7);
  expect(await hearing).toEqual([7]);
});

describeRedis("knowledge announcements through Redis", () => {
  it("a publication announced by one instance reaches every instance, and nothing else is taken for one", async () => {
    const channel = `test:${randomBytes(6).toString("hex")}:knowledge`;
    const instances = await Promise.all([1, 2, 3].map(() => redisAnnouncements(redisUrl, channel, () => {})));
    opened.push(...instances);
    const hearing = instances.map((a) => heard(a, 2));
    await instances[0]?.announce(12);
    // Another channel's message, and one that is not a version, change nothing.
    const { Redis } = await import("ioredis");
    const stray = new Redis(redisUrl);
    await stray.publish(`${channel}:other`, "99");
    await stray.publish(channel, "not a version");
    await stray.quit();
    await instances[2]?.announce(13);
    for (const got of await Promise.all(hearing)) expect(got).toEqual([12, 13]);
  });
});
