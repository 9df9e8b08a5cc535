import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "./channels/events.js";
import { attachWebChat, conversationRoom } from "./channels/web/socket.js";
import type { Config } from "./config.js";
import { flows as flowDefinitions } from "../bot/flows/index.js";
import { CertificateLinks } from "./certificates/download.js";
import { certificatePlugin } from "./certificates/plugin.js";
import { FlowSessions } from "./conversation/flow-session.js";
import { ConversationService } from "./conversation/service.js";
import { notifyStatusChanges } from "./conversation/status-notices.js";
import { createDemoRecords } from "./records/demo/index.js";
import type { RecordsPort } from "./records/ports.js";
import { askPlugin } from "./dialog/ask-plugin.js";
import { loadIntentLabels } from "./dialog/intent-labels.js";
import { replyCatalogue } from "./dialog/reply.js";
import { defaultNluPaths, loadEngine, type NluPrepared, prepareNlu } from "./nlu/load-engine.js";
import { InProcessUnderstander, type Understander } from "./nlu/understander.js";
import { WorkerUnderstander } from "./nlu/worker-understander.js";
import { progressPrinter } from "./nlu/progress.js";
import { ConversationTokens } from "./security/conversation-token.js";
import { FieldCipher } from "./security/field-cipher.js";
import type { Storage } from "./storage/ports.js";
import { createSqliteStorage } from "./storage/sqlite/sqlite-storage.js";
import type { Redis } from "ioredis";
import { AGENTS_ROOM, agentRoom, attachAgentChannel } from "./channels/agent/socket.js";
import { consolePlugin } from "./console/plugin.js";
import { HandoffDesk, type StaffOutlet } from "./handoff/desk.js";
import type { ConversationOutbox } from "./transcript/outbox.js";
import { Transcript } from "./transcript/transcript.js";
import { defaultPolicy } from "./routing/policy.js";
import { InProcessRoutingState } from "./routing/state/in-process.js";
import { LocalDelayedJobs } from "./routing/state/local-delayed-jobs.js";
import type { DelayedJobs, RoutingStatePort } from "./routing/state/port.js";
import { DynamicStrategy } from "./routing/strategies/index.js";
import { StaffTokens } from "./security/conversation-token.js";
import { StaffAccounts } from "./staff/accounts.js";
import { seedDemoStaff } from "./staff/demo-staff.js";
import { staffPlugin } from "./staff/plugin.js";
import { webPagesPlugin } from "./channels/web/pages-plugin.js";
import { errorHandler } from "./http/errors.js";
import { healthPlugin } from "./http/health.js";

export interface App {
  http: FastifyInstance;
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  nlu: NluPrepared & { understander: Understander };
  storage: Storage;
  records: RecordsPort;
  desk: HandoffDesk;
  accounts: StaffAccounts;
  service: ConversationService;
  /** Listens on the configured host and port; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops accepting, finishes in-flight turns (up to the grace period), flushes and closes. */
  close(): Promise<void>;
}

/**
 * The composition root: the only place that picks adapters and wires parts together. Modules get
 * what they need from here; none of them reads the environment or a global.
 */
export async function createApp(
  config: Config,
  log: (line: string) => void = () => {},
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  if (config.secrets.generated.length > 0) {
    log(
      `warning: ${config.secrets.generated.join(" and ")} not set; using values generated in ${join(config.dataDir, "secrets.json")}. Production must set them.`,
    );
  }
  const prepared = prepareNlu(defaultNluPaths(config.rootDir, config.modelsDir), progressPrinter(log));
  const started = performance.now();
  const engineFiles = { ...prepared.engine, timeZone: config.timeZone };
  const understander: Understander = config.nluWorker
    ? await WorkerUnderstander.start(engineFiles, { onError: (error) => http.log.error({ err: error }, "understanding worker") })
    : new InProcessUnderstander(loadEngine(engineFiles));
  const nlu = { ...prepared, understander };
  log(
    `NLU model ${prepared.engine.hash} ${prepared.trained ? "trained" : "found"} in ${prepared.loadMs} ms, loaded ${config.nluWorker ? "in a worker thread" : "in this thread"} in ${Math.round(performance.now() - started)} ms`,
  );
  const catalogue = replyCatalogue(
    nlu.kb.faqs,
    nlu.kb.intents,
    loadIntentLabels(join(config.rootDir, "bot", "intent-labels.tsv"), nlu.kb.intents.map((i) => i.id)),
  );
  const storage = createSqliteStorage(join(config.dataDir, "desk.sqlite"));
  const cipher = new FieldCipher(config.secrets.fieldKey, config.secrets.oldFieldKeys);
  const clock = () => new Date();
  const step = config.demoStatusStepMs;
  const records = createDemoRecords({
    file: join(config.dataDir, "records-demo.sqlite"),
    cipher,
    clock,
    timeZone: config.timeZone,
    transitions: step > 0 ? { acceptAfterMs: step, reviewAfterMs: 2 * step, decideAfterMs: 3 * step } : false,
  });
  // Links in replies must work from any page that embeds the widget, so they are absolute.
  let baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const certificateLinks = new CertificateLinks(config.secrets.sessionSecret, () => baseUrl);
  // Idle flows end with a notice pushed to the chat; one timer per conversation, re-armed on activity.
  // After a restart the timers are gone, and the notice comes with the citizen's next message instead.
  const expiryTimers = new Map<string, NodeJS.Timeout>();
  // The channels exist only once the server does (below); until then nothing is delivered.
  let outbox: ConversationOutbox = { message() {}, handoff() {}, typing() {} };
  const toCitizens: ConversationOutbox = {
    message: (...args) => outbox.message(...args),
    handoff: (...args) => outbox.handoff(...args),
    typing: (...args) => outbox.typing(...args),
  };
  const transcript = new Transcript({ messages: storage.messages, cipher, clock, outbox: toCitizens });
  const flows: FlowSessions = new FlowSessions({
    idleMs: config.flowIdleMs,
    timeZone: config.timeZone,
    scheduleExpiry: (conversationId, at) => {
      clearTimeout(expiryTimers.get(conversationId));
      const timer = setTimeout(() => {
        expiryTimers.delete(conversationId);
        void (async () => {
          const notice = await flows.expireIfIdle(conversationId, clock());
          if (!notice) return;
          await transcript.write({ conversationId, role: "bot", text: notice.text, meta: { decision: "flow_expired" } });
        })().catch((error) => http.log.error({ err: error }, "flow expiry failed"));
      }, Math.max(0, at - Date.now()));
      timer.unref();
      expiryTimers.set(conversationId, timer);
    },
    storage,
    cipher,
    records,
    flows: flowDefinitions,
    catalogue,
    links: {
      certificateUrl: (number) => certificateLinks.url(number),
      get verifyUrl() {
        return certificateLinks.verifyUrl();
      },
    },
  });
  for (const faq of nlu.kb.faqs) {
    if (faq.flow && !flowDefinitions[faq.flow]) throw new Error(`${faq.id}: flow '${faq.flow}' is not defined in bot/flows`);
  }
  // The live queue: in this process by default; in Redis (shared by every instance) when REDIS_URL is set.
  const redisClients: Redis[] = [];
  let routingState: RoutingStatePort;
  let jobs: DelayedJobs;
  const onJobError = (error: unknown) => http.log.error({ err: error }, "delayed job failed");
  if (config.redis) {
    // Redis mode's libraries load only when it is configured: an embedded start does not pay for them.
    const [{ Redis }, { RedisRoutingState }, { BullmqDelayedJobs }] = await Promise.all([
      import("ioredis"),
      import("./routing/state/redis.js"),
      import("./routing/state/bullmq-delayed-jobs.js"),
    ]);
    const { url, prefix } = config.redis;
    const client = new Redis(url, { maxRetriesPerRequest: 3 });
    redisClients.push(client);
    routingState = new RedisRoutingState(client, { prefix: `${prefix}:routing` });
    jobs = new BullmqDelayedJobs({
      connection: { url },
      queueName: "desk-delayed",
      prefix: `${prefix}:bull`,
      onError: onJobError,
    });
  } else {
    routingState = new InProcessRoutingState();
    jobs = new LocalDelayedJobs({ onError: onJobError });
  }
  let staffOutlet: StaffOutlet = { agent() {}, agents() {} };
  let agentConnected: (agentId: string) => Promise<boolean> = async () => false;
  let citizenConnected: (conversationId: string) => Promise<boolean> = async () => false;
  const desk = new HandoffDesk({
    storage,
    cipher,
    state: routingState,
    jobs,
    strategy: new DynamicStrategy(defaultPolicy),
    policy: defaultPolicy,
    clock,
    transcript,
    outbox: toCitizens,
    staff: {
      agent: (...args) => staffOutlet.agent(...args),
      agents: (...args) => staffOutlet.agents(...args),
    },
    offerTimeoutMs: config.handoff.offerTimeoutMs,
    agentGraceMs: config.handoff.agentGraceMs,
    citizenGraceMs: config.handoff.citizenGraceMs,
    isCitizenConnected: (conversationId) => citizenConnected(conversationId),
    serviceHours: config.handoff.serviceHours,
    flowValues: (conversationId, locale) => flows.collectedValues(conversationId, locale),
    isAgentConnected: (agentId) => agentConnected(agentId),
    onError: (error, what) => http.log.error({ err: error }, what),
  });
  const accounts = new StaffAccounts(
    storage.staff,
    new StaffTokens(config.secrets.sessionSecret, config.staff.tokenHours * 3600),
    clock,
  );
  if (config.staff.demoAccounts) {
    const file = join(config.dataDir, "demo-staff.json");
    const created = await seedDemoStaff(storage.staff, accounts, file);
    if (created.length > 0) log(`demo agent accounts ${created.join(", ")} created: passwords in ${file}`);
  }

  const service = new ConversationService({
    storage,
    transcript,
    tokens: new ConversationTokens(config.secrets.sessionSecret, config.chat.tokenDays * 86_400),
    typingAfterMs: config.chat.typingAfterMs,
    nlu: understander,
    catalogue,
    clock,
    flows,
    desk,
  });

  const http = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            // Query strings carry capabilities (a certificate link's signature, a verification code):
            // logs keep the path only.
            serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split("?")[0] }) },
          },
    bodyLimit: 64 * 1024,
  });
  const io: App["io"] = new Server(http.server, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    ...(config.corsOrigins.length > 0 ? { cors: { origin: config.corsOrigins } } : {}),
  });
  let stopping = false;
  io.use((_socket, next) => (stopping ? next(new Error("server is restarting")) : next()));
  if (config.redis) {
    // Room broadcasts reach sockets on every instance: a citizen on one, their agent on another.
    const [{ Redis }, { createAdapter }] = await Promise.all([import("ioredis"), import("@socket.io/redis-adapter")]);
    const pub = new Redis(config.redis.url);
    const sub = pub.duplicate();
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${config.redis.prefix}:socket.io` }));
  }
  attachWebChat(io, service, config, http.log, desk);
  const agents = attachAgentChannel(io, { desk, accounts, nlu: understander, catalogue, log: http.log, timeZone: config.timeZone });
  agents.use((_socket, next) => (stopping ? next(new Error("server is restarting")) : next()));
  outbox = {
    message: (conversationId, message) => io.to(conversationRoom(conversationId)).emit("chat:reply", message),
    handoff: (conversationId, status) => io.to(conversationRoom(conversationId)).emit("chat:handoff", status),
    typing: (conversationId, state) => io.to(conversationRoom(conversationId)).emit("chat:typing", state),
  };
  staffOutlet = {
    agent: (agentId, event, ...args) => agents.to(agentRoom(agentId)).emit(event, ...args),
    agents: (event, ...args) => agents.to(AGENTS_ROOM).emit(event, ...args),
  };
  agentConnected = async (agentId) => (await agents.in(agentRoom(agentId)).fetchSockets()).length > 0;
  citizenConnected = async (conversationId) => (await io.in(conversationRoom(conversationId)).fetchSockets()).length > 0;
  // Set before any plugin registers: every route's thrown refusal is answered by it.
  http.setErrorHandler(errorHandler());
  await http.register(staffPlugin, { accounts });
  await http.register(consolePlugin, { dir: join(config.rootDir, "agent-console", "dist") });
  const stopNotices = notifyStatusChanges({
    records,
    storage,
    transcript,
    onError: (error) => http.log.error({ err: error }, "status notice failed"),
  });
  await http.register(certificatePlugin, { records, links: certificateLinks, timeZone: config.timeZone });
  await http.register(healthPlugin, { ready: async () => !stopping && (await storage.ping()), model: prepared.engine.hash });
  await http.register(askPlugin, { understander, catalogue, clock });
  await http.register(webPagesPlugin, { widgetDir: join(config.rootDir, "widget") });

  let closing: Promise<void> | undefined;
  return {
    http,
    io,
    nlu,
    storage,
    records,
    desk,
    accounts,
    service,
    async start() {
      await desk.start();
      await http.listen({ host: config.host, port: config.port });
      const { port } = http.server.address() as AddressInfo;
      const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
      baseUrl = config.publicUrl ?? url;
      return url;
    },
    close() {
      closing ??= (async () => {
        stopping = true;
        for (const timer of expiryTimers.values()) clearTimeout(timer);
        await Promise.race([service.drain(), new Promise((r) => setTimeout(r, config.shutdownGraceMs).unref())]);
        desk.stop();
        await desk.settled();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await http.close();
        await understander.close();
        await jobs.close();
        await routingState.close();
        await Promise.allSettled(redisClients.map((c) => c.quit()));
        stopNotices();
        await records.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
