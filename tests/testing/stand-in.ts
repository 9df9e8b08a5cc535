import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a stand-in service saw it. */
export interface StandInRequest {
  method: string;
  url: URL;
  body: string;
}

/** A stand-in for a service the desk calls out to (WeChat's API, a Bot Framework connector), started by the test. */
export interface StandIn {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on a free loopback port that answers each request with the JSON
 * `answer` returns for it: the desk under test talks to it as it would to the real service.
 */
export async function startStandIn(answer: (request: StandInRequest) => unknown): Promise<StandIn> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(answer({ method: req.method ?? "GET", url: new URL(req.url ?? "/", "http://stand-in"), body })));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
