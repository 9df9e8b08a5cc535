import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wechatApi } from "../../../src/channels/wechat/wechat-api.js";
import { InProcessSharedValues, RedisSharedValues, type SharedValues } from "../../../src/infra/shared-values.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../../testing/redis.js";
import { type StandIn, startStandIn } from "../../testing/stand-in.js";

/** A stand-in for WeChat's API: tokens T1, T2…, each new one making the one before invalid, as WeChat does. */
let api: StandIn;
let base = "";
let issued = 0;
const delivered: string[] = [];
beforeAll(async () => {
  api = await startStandIn(({ url, body }) => {
    if (url.pathname === "/cgi-bin/token") return { access_token: `T${++issued}`, expires_in: 7200 };
    if (url.searchParams.get("access_token") !== `T${issued}`) return { errcode: 40001, errmsg: "invalid credential" };
    delivered.push((JSON.parse(body) as { text: { content: string } }).text.content);
    return { errcode: 0, errmsg: "ok" };
  });
  base = api.url;
});
afterAll(() => api.close());

const instance = (shared: SharedValues) => wechatApi({ appId: "wx0123456789abcdef", appSecret: "0123456789abcdef0123456789abcdef", base, shared });

/** Two instances on one store: one token fetch; after a third party takes a new token, one refetch between them. */
async function sharedByTwo(store: () => SharedValues) {
  const before = issued;
  const [a, b] = [instance(store()), instance(store())];
  await a.sendText("oA", "一");
  await b.sendText("oB", "二");
  expect(issued - before).toBe(1);
  // Someone else takes a new token (another server, the WeChat console): ours stops working.
  await fetch(`${base}/cgi-bin/token`);
  await a.sendText("oA", "三");
  await b.sendText("oB", "四");
  // a fetched once more and kept it where b found it: b did not fetch again.
  expect(issued - before).toBe(3);
  expect(delivered.slice(-4)).toEqual(["一", "二", "三", "四"]);
}

describe("WeChat's access token", () => {
  it("is fetched once for the instances that share where it is kept, and again only when WeChat refuses it", async () => {
    const one = new InProcessSharedValues();
    await sharedByTwo(() => one);
  });
});

describeRedis("WeChat's access token in Redis", () => {
  const prefix = uniquePrefix("wechat-token");
  const clients: Redis[] = [];
  afterAll(async () => {
    await deleteKeys(clients[0] as Redis, prefix);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("is fetched once for every instance (each with its own Redis connection)", async () => {
    await sharedByTwo(() => {
      const client = new Redis(redisUrl);
      clients.push(client);
      return new RedisSharedValues(client, prefix);
    });
  });
});
