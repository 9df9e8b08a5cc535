import type { Redis } from "ioredis";
import type { StaffSessionRecord, StaffSessionStore } from "../staff-ports.js";

/** Where the sessions of a desk with this REDIS_PREFIX live (the server and the staff:* commands agree). */
export const staffSessionsPrefix = (redisPrefix: string): string => `${redisPrefix}:staff-sessions`;

/** Ended sessions stay readable this long after they would have expired (the audit of a sign-out race). */
const KEEP_AFTER_EXPIRY_MS = 24 * 3600_000;

// Ends one open session: 1 when it was open, 0 when it was not (or is gone).
const END_ONE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'endedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'endedAt', ARGV[1], 'endedReason', ARGV[2])
return 1`;

// Ends every open session of one account; returns the ids it ended. Ids whose session expired away
// are dropped from the account's set on the way. (Session keys are built from ARGV: one Redis, not a cluster.)
const END_ALL = `
local ended = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[3] .. id
  if redis.call('EXISTS', key) == 0 then
    redis.call('SREM', KEYS[1], id)
  elseif redis.call('HEXISTS', key, 'endedAt') == 0 then
    redis.call('HSET', key, 'endedAt', ARGV[1], 'endedReason', ARGV[2])
    table.insert(ended, id)
  end
end
return ended`;

/**
 * Staff sessions in Redis, shared by every instance (Redis mode): a sign-out on one instance is a
 * refused token on all of them at once. A session is a hash that expires a day after the session
 * does; each account's open sessions are a set, so "end all" is one atomic script.
 */
export class RedisStaffSessionStore implements StaffSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:s:${id}`;
  }

  private byStaff(staffId: string): string {
    return `${this.prefix}:staff:${staffId}`;
  }

  async create(r: StaffSessionRecord): Promise<void> {
    const until = Date.parse(r.expiresAt) + KEEP_AFTER_EXPIRY_MS;
    const fields: Record<string, string> = { staffId: r.staffId, createdAt: r.createdAt, expiresAt: r.expiresAt };
    if (r.endedAt !== null) Object.assign(fields, { endedAt: r.endedAt, endedReason: r.endedReason ?? "" });
    await this.redis
      .multi()
      .hset(this.key(r.id), fields)
      .pexpireat(this.key(r.id), until)
      .sadd(this.byStaff(r.staffId), r.id)
      // The account's set lives as long as its longest session.
      .pexpireat(this.byStaff(r.staffId), until, "GT")
      .pexpireat(this.byStaff(r.staffId), until, "NX")
      .exec();
  }

  async get(id: string): Promise<StaffSessionRecord | undefined> {
    const h = await this.redis.hgetall(this.key(id));
    if (!h.staffId) return undefined;
    return {
      id,
      staffId: h.staffId,
      createdAt: h.createdAt as string,
      expiresAt: h.expiresAt as string,
      endedAt: h.endedAt ?? null,
      endedReason: h.endedAt !== undefined ? (h.endedReason ?? null) : null,
    };
  }

  async end(id: string, at: string, reason: string): Promise<boolean> {
    return (await this.redis.eval(END_ONE, 1, this.key(id), at, reason)) === 1;
  }

  async endAllFor(staffId: string, at: string, reason: string): Promise<string[]> {
    return (await this.redis.eval(END_ALL, 1, this.byStaff(staffId), at, reason, `${this.prefix}:s:`)) as string[];
  }
}
