/**
 * The Lua scripts behind RedisRoutingState, one per port method. A script runs alone on the Redis
 * server, so each check-then-change is atomic across every server instance sharing the desk. A
 * refusal is an error reply "<ROUTING_CODE> <detail>" returned before any write, so it changes
 * nothing; the adapter turns it back into a RoutingError.
 *
 * ARGV[1] is always the key prefix. Keys are built inside the scripts because a chat's agent (and
 * an agent's chats) are only known once read. That is fine on one Redis or Sentinel; for Cluster
 * the prefix would need a hash tag ("{desk}") so every key lands in one slot.
 *
 * Keys (P = prefix); each kind has its own segment so no id can make two kinds collide:
 *   P:chat:<id>      hash  arrivedAt urgency language skill status agentId ("" when none)
 *   P:declined:<id>  set   agents never offered this chat again
 *   P:chats          zset  every chat the desk knows, scored by arrival
 *   P:waiting        zset  the waiting chats, scored by arrival (equal scores: by id)
 *   P:agent:<id>     hash  presence (online|away|offline) capacity languages skills (JSON)
 *                          lastAssignedAt onlineSince
 *   P:agents         set   every agent seen
 *   P:offers:<id>    set   chats offered to the agent, not yet answered
 *   P:active:<id>    set   chats the agent handles
 * Numbers are stored and returned as strings: Lua would truncate non-integer replies.
 */

const common = `
local P = ARGV[1]
local function chatKey(id) return P .. ':chat:' .. id end
local function declinedKey(id) return P .. ':declined:' .. id end
local function agentKey(id) return P .. ':agent:' .. id end
local function offersKey(id) return P .. ':offers:' .. id end
local function activeKey(id) return P .. ':active:' .. id end
local function refuse(code, detail) return redis.error_reply(code .. ' ' .. detail) end
local function requeue(id)
  redis.call('HSET', chatKey(id), 'status', 'waiting', 'agentId', '')
  redis.call('ZADD', P .. ':waiting', redis.call('HGET', chatKey(id), 'arrivedAt'), id)
end
local function inArrivalOrder(ids)
  local at = {}
  for _, id in ipairs(ids) do at[id] = tonumber(redis.call('ZSCORE', P .. ':chats', id)) end
  table.sort(ids, function(a, b)
    if at[a] ~= at[b] then return at[a] < at[b] end
    return a < b
  end)
  return ids
end
`;

/** ARGV: P, id, arrivedAt, urgency, language, skill, declinedBy... */
const enqueue = `
local id = ARGV[2]
if redis.call('EXISTS', chatKey(id)) == 1 then return refuse('ROUTING_DUPLICATE_CHAT', id) end
redis.call('HSET', chatKey(id), 'arrivedAt', ARGV[3], 'urgency', ARGV[4], 'language', ARGV[5],
  'skill', ARGV[6], 'status', 'waiting', 'agentId', '')
for i = 7, #ARGV do redis.call('SADD', declinedKey(id), ARGV[i]) end
redis.call('ZADD', P .. ':chats', ARGV[3], id)
redis.call('ZADD', P .. ':waiting', ARGV[3], id)
return 'OK'
`;

/** ARGV: P, id, capacity, languages JSON, skills JSON, now */
const agentOnline = `
local id = ARGV[2]
local k = agentKey(id)
local presence = redis.call('HGET', k, 'presence')
if not presence then redis.call('HSET', k, 'lastAssignedAt', '0') end
-- Back from away counts as coming online: the agent was not waiting for work meanwhile.
if presence ~= 'online' then redis.call('HSET', k, 'onlineSince', ARGV[6]) end
redis.call('HSET', k, 'presence', 'online', 'capacity', ARGV[3], 'languages', ARGV[4], 'skills', ARGV[5])
redis.call('SADD', P .. ':agents', id)
return 'OK'
`;

/** ARGV: P, id */
const agentAway = `
local id = ARGV[2]
local presence = redis.call('HGET', agentKey(id), 'presence')
if not presence then return refuse('ROUTING_UNKNOWN_AGENT', id) end
if presence == 'offline' then return refuse('ROUTING_AGENT_OFFLINE', id) end
redis.call('HSET', agentKey(id), 'presence', 'away')
return 'OK'
`;

/** ARGV: P, id. Returns the re-queued chat ids in arrival order. */
const agentOffline = `
local id = ARGV[2]
if redis.call('EXISTS', agentKey(id)) == 0 then return {} end
local ids = redis.call('SUNION', offersKey(id), activeKey(id))
inArrivalOrder(ids)
for _, chatId in ipairs(ids) do requeue(chatId) end
redis.call('DEL', offersKey(id), activeKey(id))
redis.call('HSET', agentKey(id), 'presence', 'offline')
return ids
`;

/** ARGV: P, chatId, agentId, now */
const offer = `
local chatId, agentId = ARGV[2], ARGV[3]
local status = redis.call('HGET', chatKey(chatId), 'status')
if not status then return refuse('ROUTING_UNKNOWN_CHAT', chatId) end
local presence = redis.call('HGET', agentKey(agentId), 'presence')
if not presence then return refuse('ROUTING_UNKNOWN_AGENT', agentId) end
if status ~= 'waiting' then return refuse('ROUTING_CHAT_NOT_WAITING', chatId) end
if presence == 'offline' then return refuse('ROUTING_AGENT_OFFLINE', agentId) end
if presence == 'away' then return refuse('ROUTING_AGENT_AWAY', agentId) end
if redis.call('SISMEMBER', declinedKey(chatId), agentId) == 1 then
  return refuse('ROUTING_DECLINED_BEFORE', chatId .. ' by ' .. agentId)
end
-- Pending offers count as load: that is what keeps two instances from overfilling one agent.
local load = redis.call('SCARD', offersKey(agentId)) + redis.call('SCARD', activeKey(agentId))
if load >= tonumber(redis.call('HGET', agentKey(agentId), 'capacity')) then
  return refuse('ROUTING_OVER_CAPACITY', agentId)
end
redis.call('HSET', chatKey(chatId), 'status', 'offered', 'agentId', agentId)
redis.call('ZREM', P .. ':waiting', chatId)
redis.call('SADD', offersKey(agentId), chatId)
redis.call('HSET', agentKey(agentId), 'lastAssignedAt', ARGV[4])
return 'OK'
`;

/** The chat must be in \`status\` with \`agentId\`; refused with \`code\` otherwise. */
const held = (status: "offered" | "active", code: string) => `
local chatId, agentId = ARGV[2], ARGV[3]
local chat = redis.call('HMGET', chatKey(chatId), 'status', 'agentId')
if not chat[1] then return refuse('ROUTING_UNKNOWN_CHAT', chatId) end
if redis.call('EXISTS', agentKey(agentId)) == 0 then return refuse('ROUTING_UNKNOWN_AGENT', agentId) end
if chat[1] ~= '${status}' or chat[2] ~= agentId then return refuse('${code}', chatId) end
`;

/** ARGV: P, chatId, agentId */
const accept = `${held("offered", "ROUTING_NOT_OFFERED")}
redis.call('SREM', offersKey(agentId), chatId)
redis.call('SADD', activeKey(agentId), chatId)
redis.call('HSET', chatKey(chatId), 'status', 'active')
return 'OK'
`;

/** ARGV: P, chatId, agentId. Also the offer timeout. */
const decline = `${held("offered", "ROUTING_NOT_OFFERED")}
redis.call('SREM', offersKey(agentId), chatId)
redis.call('SADD', declinedKey(chatId), agentId)
requeue(chatId)
return 'OK'
`;

/** ARGV: P, chatId, fromAgentId, skill ("" keeps the chat's skill) */
const transfer = `${held("active", "ROUTING_NOT_ASSIGNED")}
redis.call('SREM', activeKey(agentId), chatId)
redis.call('SADD', declinedKey(chatId), agentId)
if ARGV[4] ~= '' then redis.call('HSET', chatKey(chatId), 'skill', ARGV[4]) end
requeue(chatId)
return 'OK'
`;

/** ARGV: P, chatId, agentId */
const finish = `${held("active", "ROUTING_NOT_ASSIGNED")}
redis.call('SREM', activeKey(agentId), chatId)
redis.call('DEL', chatKey(chatId), declinedKey(chatId))
redis.call('ZREM', P .. ':chats', chatId)
return 'OK'
`;

/** ARGV: P, chatId. Returns the agent who held an offer, or "". */
const abandon = `
local chatId = ARGV[2]
local chat = redis.call('HMGET', chatKey(chatId), 'status', 'agentId')
if not chat[1] then return refuse('ROUTING_UNKNOWN_CHAT', chatId) end
if chat[1] == 'active' then return refuse('ROUTING_CHAT_NOT_WAITING', chatId) end
if chat[2] ~= '' then redis.call('SREM', offersKey(chat[2]), chatId) end
redis.call('DEL', chatKey(chatId), declinedKey(chatId))
redis.call('ZREM', P .. ':chats', chatId)
redis.call('ZREM', P .. ':waiting', chatId)
return chat[2]
`;

// Reads are scripts too, so a snapshot is consistent (no chat half-way through a move).

/** ARGV: P. Rows: id, arrivedAt, urgency, language, skill, {declinedBy sorted}. */
const waiting = `
local rows = {}
for _, id in ipairs(redis.call('ZRANGE', P .. ':waiting', 0, -1)) do
  local c = redis.call('HMGET', chatKey(id), 'arrivedAt', 'urgency', 'language', 'skill')
  local declined = redis.call('SMEMBERS', declinedKey(id))
  table.sort(declined)
  rows[#rows + 1] = { id, c[1], c[2], c[3], c[4], declined }
end
return rows
`;

/** ARGV: P. Rows by id: id, presence, capacity, languages, skills, lastAssignedAt, onlineSince, active, offers. */
const agentStates = `
local ids = redis.call('SMEMBERS', P .. ':agents')
table.sort(ids)
local rows = {}
for _, id in ipairs(ids) do
  local a = redis.call('HMGET', agentKey(id), 'presence', 'capacity', 'languages', 'skills',
    'lastAssignedAt', 'onlineSince')
  rows[#rows + 1] = { id, a[1], a[2], a[3], a[4], a[5], a[6],
    tostring(redis.call('SCARD', activeKey(id))), tostring(redis.call('SCARD', offersKey(id))) }
end
return rows
`;

const placementFields = "'status', 'agentId', 'arrivedAt', 'urgency', 'language', 'skill'";

/** ARGV: P, chatId. One row (status, agentId, arrivedAt, urgency, language, skill) or nil. */
const placement = `
local c = redis.call('HMGET', chatKey(ARGV[2]), ${placementFields})
if not c[1] then return nil end
return c
`;

/** ARGV: P. Rows in arrival order: id then the placement row. */
const chats = `
local rows = {}
for _, id in ipairs(redis.call('ZRANGE', P .. ':chats', 0, -1)) do
  local c = redis.call('HMGET', chatKey(id), ${placementFields})
  table.insert(c, 1, id)
  rows[#rows + 1] = c
end
return rows
`;

/** ARGV: P, agentId. { active ids, offered ids }, each in arrival order. */
const agentChats = `
local id = ARGV[2]
return { inArrivalOrder(redis.call('SMEMBERS', activeKey(id))),
  inArrivalOrder(redis.call('SMEMBERS', offersKey(id))) }
`;

const bodies = {
  enqueue,
  agentOnline,
  agentAway,
  agentOffline,
  offer,
  accept,
  decline,
  transfer,
  finish,
  abandon,
  waiting,
  agentStates,
  placement,
  chats,
  agentChats,
};

export type ScriptName = keyof typeof bodies;

export const routingScripts = Object.fromEntries(
  Object.entries(bodies).map(([name, body]) => [name, common + body]),
) as Record<ScriptName, string>;
