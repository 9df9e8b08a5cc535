// Long because it is the one composition root: every part is built and wired here, in dependency order, and nowhere else.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { guidedFlows } from "../bot/flows/index.js";
import { loadFigures } from "./calculators/figures.js";
import { CertificateLinks } from "./certificates/download.js";
import { certificatePlugin } from "./certificates/plugin.js";
import { webPagesPlugin } from "./channels/web/pages-plugin.js";
import { webChannel } from "./channels/web/socket.js";
import type { Config } from "./config.js";
import { consolePlugin } from "./console/plugin.js";
import { attachAgentChannel, staffOutlet } from "./console/staff-socket.js";
import { flowExpiryJob } from "./conversation/flow-expiry.js";
import { FlowSessions } from "./conversation/flow-session.js";
import { ConversationService } from "./conversation/service.js";
import { rehearsalScript, rehearseTurns } from "./conversation/rehearsal.js";
import { notifyStatusChanges } from "./conversation/status-notices.js";
import { askPlugin } from "./channels/ask-plugin.js";
import { Channels } from "./channels/channels.js";
import type { PushChannelBase } from "./channels/port/push-channel.js";
import { wechatChannel } from "./channels/wechat/wechat-channel.js";
import { HandoffDesk } from "./handoff/desk.js";
import { errorHandler } from "./http/errors.js";
import { healthPlugin } from "./http/health.js";
import { helpPlugin } from "./help/plugin.js";
import { createServers, type SocketServer } from "./http/server.js";
import { createInfra } from "./infra/create-infra.js";
import { repeatedErrors } from "./infra/repeated-errors.js";
import { JobFailed } from "./jobs/jobs.js";
import { deskMetrics } from "./observability/desk-metrics.js";
import { metricsPlugin } from "./observability/metrics-plugin.js";
import { countSocketRefusals } from "./observability/socket-refusals.js";
import { ActiveKnowledge } from "./publishing/active-knowledge.js";
import { KnowledgeWatch } from "./publishing/knowledge-watch.js";
import { inboxPlugin } from "./inbox/plugin.js";
import { type KnowledgeSetup, knowledgeFor, openKnowledge } from "./publishing/open-knowledge.js";
import { openEditing } from "./publishing/editing.js";
import { knowledgeBaseFrom } from "./knowledge/load.js";
import { createDemoRecords, openDemoRecords } from "./records/demo/index.js";
import type { RecordsPort } from "./records/ports.js";
import { defaultPolicy } from "./routing/policy.js";
import { DynamicStrategy } from "./routing/strategies/index.js";
import { ConversationTokens, } from "./security/conversation-token.js";
import { FieldCipher } from "./security/field-cipher.js";
import type { StaffAccounts } from "./staff/accounts.js";
import { seedDemoStaff } from "./staff/demo-staff.js";
import { openStaff } from "./staff/open-staff.js";
import { ensureAdmin } from "./staff/first-admin.js";
import { staffGuard } from "./staff/guard.js";
import { staffPlugin } from "./staff/plugin.js";
import { openStorage } from "./storage/open-storage.js";
import { scheduleBackups } from "./backup/backup-schedule.js";
import { createSqliteStorage } from "./storage/sqlite/sqlite-storage.js";
import type { Storage } from "./storage/ports.js";
import type { ConversationOutbox } from "./transcript/outbox.js";
import { Transcript } from "./transcript/transcript.js";

/** The rehearsal before serving stops after this long, whatever is left of its script. */
const WARM_UP_BUDGET_MS = 5000;

/**
 * Runs `work` on a store and a demo back office of its own in a temporary folder, removed after:
 * what the rehearsal writes never reaches the citizens' data, whichever store that is.
 */
async function onScratchStorage<R>(
  cipher: FieldCipher,
  clock: () => Date,
  work: (storage: Storage, records: RecordsPort) => Promise<R>,
): Promise<R> {
  const dir = mkdtempSync(join(tmpdir(), "desk-rehearsal-"));
  const storage = createSqliteStorage(join(dir, "desk.sqlite"));
  const records = createDemoRecords({ file: join(dir, "records.sqlite"), cipher, clock, transitions: false });
  try {
    return await work(storage, records);
  } finally {
    await records.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An outbox that delivers nothing: the rehearsal's citizens do not exist. */
const nowhere: ConversationOutbox = { message: () => {}, handoff: () => {}, typing: () => {} };

export interface App {
  http: FastifyInstance;
  io: SocketServer;
  /** What the bot knows now; a publication swaps it. */
  knowledge: ActiveKnowledge;
  storage: Storage;
  records: RecordsPort;
  desk: HandoffDesk;
  accounts: StaffAccounts;
  service: ConversationService;
  /** Listens on the configured host and port; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops accepting, finishes in-flight turns (up to the grace period), then closes in reverse order of opening. */
  close(): Promise<void>;
}

/**
 * The composition root: the only place that picks adapters and wires parts together, each built
 * once with what it needs, in the order they depend on each other. Modules get what they need from
 * here; none of them reads the environment or a global.
 */
export async function createApp(
  config: Config,
  log: (line: string) => void = () => {},
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  if (config.secrets.generated.length > 0) {
    const file = join(config.dataDir, "secrets.json");
    log(`warning: ${config.secrets.generated.join(" and ")} not set; using values generated in ${file}. Production must set them.`);
  }
  // What is opened is closed in reverse order: each part goes before what it uses.
  const closers: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const { http, io } = createServers({ ...config, ...(config.limits.trustedProxies ? { trustedProxies: config.limits.trustedProxies } : {}) }, options);
  // The same failure many times a second (Redis away, each retry failing) is one line every 30 s, per kind of failure.
  const quietErrors = new Map<string, (error: unknown) => void>();
  const logError = (what: string, about: (error: unknown) => object = () => ({})) => {
    let report = quietErrors.get(what);
    if (!report) {
      report = repeatedErrors((error, heldBack) => http.log.error({ err: error, ...about(error), ...(heldBack > 0 ? { heldBack } : {}) }, what));
      quietErrors.set(what, report);
    }
    return report;
  };

  const flowDefinitions = guidedFlows({ figures: loadFigures(config.rootDir) });
  const storage = await openStorage(config);
  closers.push(() => storage.close());
  const clock = () => new Date();
  const knowledgeSetup: KnowledgeSetup = { config, log, onWorkerError: logError("understanding worker"), knownFlows: new Set(Object.keys(flowDefinitions)) };
  const opened = await openKnowledge(knowledgeSetup, { versions: storage.knowledgeVersions, now: clock });
  const knowledge = new ActiveKnowledge(opened.knowledge);
  closers.push(() => knowledge.current().understander.close());
  // A version published while the desk runs (kb:import, an editor) is served without a restart.
  const knowledgeWatch = new KnowledgeWatch({
    versions: storage.knowledgeVersions,
    active: knowledge,
    load: (v) => knowledgeFor(v.version, knowledgeBaseFrom(v.documents), knowledgeSetup, "worker"),
    log,
    onError: logError("knowledge version watch"),
    everyMs: config.knowledgePollMs,
  });
  closers.push(() => knowledgeWatch.stop());
  const cipher = new FieldCipher(config.secrets.fieldKey, config.secrets.oldFieldKeys);
  const step = config.demoStatusStepMs;
  const records = await openDemoRecords({
    file: join(config.dataDir, "records-demo.sqlite"),
    mongodbUri: config.mongodbUri,
    cipher,
    clock,
    timeZone: config.timeZone,
    transitions: step > 0 ? { acceptAfterMs: step, reviewAfterMs: 2 * step, decideAfterMs: 3 * step } : false,
  });
  closers.push(() => records.close());
  // Backups of the embedded store's files every BACKUP_EVERY_MINUTES (src/backup/); none on MongoDB.
  closers.push(
    scheduleBackups({ ...config.backup, dataDir: config.dataDir, rootDir: config.rootDir, store: storage.kind, log: (what, fields) => http.log.info(fields, what), onError: logError("scheduled backup failed") }),
  );
  const infra = await createInfra(config, {
    storage,
    onJobError: logError("delayed job failed", (error) => (error instanceof JobFailed ? error.about : {})),
    onConnectionError: logError("Redis connection"),
    onLimitsError: logError("abuse limit store unreachable: limits held per instance"),
  });
  closers.push(() => infra.close());
  await infra.attachSockets(io);
  // This desk's figures (src/observability/), served at /metrics: the parts that work count into
  // its meter; the queue, the agents and the sockets are read when scraped.
  const { registry, meter } = deskMetrics({
    routing: infra.routingState,
    sockets: { "/": () => io.of("/").sockets.size, "/agent": () => io.of("/agent").sockets.size },
    onError: (error, what) => logError(what)(error),
  });
  countSocketRefusals(io.of("/"), "chat:error", "chat", meter);
  countSocketRefusals(io.of("/agent"), "agent:error", "agent", meter);

  // Every channel citizens use, as one outbox (src/channels/): the web widget and /m page always,
  // a WeChat official account and a Bot Framework bot when configured.
  const onChannelError = (error: unknown, what: string) => logError(what)(error);
  const citizens = new Channels(storage.conversations, onChannelError).add(webChannel(io, config, http.log, infra.limits));
  const pushBase: PushChannelBase = {
    jobs: infra.jobs,
    conversations: storage.conversations,
    messages: storage.messages,
    transcript: { citizenView: (m) => transcript.citizenView(m) },
    cipher,
    clock,
    onError: onChannelError,
  };
  for (const channel of [
    config.wechat && wechatChannel({ ...pushBase, config: config.wechat, knowledge, shared: infra.shared, sessionSecret: config.secrets.sessionSecret, maxText: config.chat.maxText }),
    // Loaded only when configured: Microsoft's SDK takes a fifth of a second to load.
    config.botFramework &&
      (await import("./channels/botframework/botframework-channel.js")).botFrameworkChannel({
        ...pushBase,
        config: config.botFramework,
        knowledge,
        sessionSecret: config.secrets.sessionSecret,
        maxText: config.chat.maxText,
        log: (what, fields) => http.log.info(fields, what),
      }),
  ]) {
    if (!channel) continue;
    citizens.add(channel);
    const job = channel.job();
    if (job) infra.jobs.define(job);
  }
  const staff = staffOutlet(io);
  const transcript = new Transcript({ messages: storage.messages, cipher, clock, outbox: citizens });
  // Links in replies must work from any page that embeds the widget, so they are absolute; the
  // address is known once the server listens (a test listens on port 0).
  let baseUrl = config.publicUrl ?? `${config.tls ? "https" : "http"}://${config.host}:${config.port}`;
  const certificateLinks = new CertificateLinks(config.secrets.sessionSecret, () => baseUrl);
  const onExpiryError = (conversationId: string) => (error: unknown) => http.log.error({ err: error, conversationId }, "scheduling a flow expiry failed");
  const links = {
    certificateUrl: (number: string) => certificateLinks.url(number),
    // Read when a certificate is issued, after the server listens.
    get verifyUrl() {
      return certificateLinks.verifyUrl();
    },
  };
  /** Guided applications on a given store; the rehearsal builds a second set on scratch storage. */
  const flowSessions = (on: { storage: Storage; records: RecordsPort; scheduleExpiry?: (conversationId: string, at: number) => void }) =>
    new FlowSessions({ idleMs: config.flowIdleMs, timeZone: config.timeZone, cipher, flows: flowDefinitions, knowledge, links, ...on });
  const flows = flowSessions({
    storage,
    records,
    scheduleExpiry: (conversationId, at) => void infra.jobs.schedule("flow-expiry", conversationId, {}, at - clock().getTime()).catch(onExpiryError(conversationId)),
  });
  infra.jobs.define(flowExpiryJob({ flows, transcript, clock }));
  const desk = new HandoffDesk({
    storage,
    cipher,
    transcript,
    outbox: citizens,
    staff,
    state: infra.routingState,
    jobs: infra.jobs,
    strategy: new DynamicStrategy(defaultPolicy),
    policy: defaultPolicy,
    clock,
    offerTimeoutMs: config.handoff.offerTimeoutMs,
    agentGraceMs: config.handoff.agentGraceMs,
    citizenGraceMs: config.handoff.citizenGraceMs,
    isCitizenConnected: citizens.isConnected,
    isAgentConnected: staff.isConnected,
    serviceHours: config.handoff.serviceHours,
    flowValues: (conversationId, locale) => flows.collectedValues(conversationId, locale),
    onError: (error, what) => logError(what)(error),
    meter,
  });
  closers.push(async () => {
    desk.stop();
    await desk.settled();
  });
  const { accounts, audit } = openStaff({ ...storage, staffSessions: infra.staffSessions }, {
    sessionSecret: config.secrets.sessionSecret,
    tokenHours: config.staff.tokenHours,
    clock,
    cipher,
    agentSecondFactor: config.staff.agentSecondFactor,
    issuer: config.staff.authenticatorIssuer,
    onAlert: (alert) => http.log.warn({ alert }, "sign-in anomaly: see the audit log (alert.sign-in)"),
  });
  const admin = await ensureAdmin(storage.staff, accounts, join(config.dataDir, "admin-credentials.json"));
  if (admin) log(`an admin account (${admin.username}) was created: its password is in ${admin.file}, readable by this user only`);
  if (config.staff.demoAccounts) {
    const file = join(config.dataDir, "demo-staff.json");
    const created = await seedDemoStaff(storage.staff, accounts, file);
    if (created.length > 0) log(`demo agent accounts ${created.join(", ")} created: passwords in ${file}`);
  }
  const tokens = new ConversationTokens(config.secrets.sessionSecret, config.chat.tokenDays * 86_400);
  const service = new ConversationService({ storage, transcript, tokens, typingAfterMs: config.chat.typingAfterMs, knowledge, clock, flows, desk, meter });
  /** The same turn path on a scratch store and back office, with nobody to deliver to: see rehearsal.ts. */
  const rehearse = () =>
    onScratchStorage(cipher, clock, async (scratch, scratchRecords) => {
      const rehearsalService = new ConversationService({
        storage: scratch,
        transcript: new Transcript({ messages: scratch.messages, cipher, clock, outbox: nowhere }),
        tokens,
        typingAfterMs: config.chat.typingAfterMs,
        knowledge,
        clock,
        flows: flowSessions({ storage: scratch, records: scratchRecords }),
        // No meter: rehearsal turns are nobody's, and /metrics counts only citizens' and agents' own.
      });
      return rehearseTurns(rehearsalService, rehearsalScript(opened.kb.faqs, config.warmUpTurns), WARM_UP_BUDGET_MS);
    });
  closers.push(
    notifyStatusChanges({ records, storage, transcript, tellAgent: (id, notice) => desk.requests.deskNotice(id, notice), onError: logError("status notice failed") }),
  );

  const refuseWhileStopping = (_socket: unknown, next: (error?: Error) => void) => (stopping ? next(new Error("server is restarting")) : next());
  io.use(refuseWhileStopping);
  attachAgentChannel(io, { desk, accounts, audit, knowledge, log: http.log, timeZone: config.timeZone }).use(refuseWhileStopping);
  const editing = await openEditing({ config, setup: knowledgeSetup, storage, audit, clock, knowledge, watch: knowledgeWatch, log, onError: logError });
  closers.push(() => editing.close());
  // Set before any plugin registers: every route's thrown refusal is answered by it.
  http.setErrorHandler(errorHandler({ answered: (code) => meter.refused("http", code) }));
  await http.register(staffPlugin, { accounts, audit, agentSecondFactor: config.staff.agentSecondFactor });
  await editing.register(http, staffGuard(accounts, audit));
  await http.register(inboxPlugin, {
    allowed: staffGuard(accounts, audit),
    audit,
    questions: storage.unansweredQuestions,
    messages: storage.messages,
    knowledge,
    clock,
    timeZone: config.timeZone,
  });
  await http.register(consolePlugin, { dir: join(config.rootDir, "agent-console", "dist") });
  await http.register(certificatePlugin, { records, links: certificateLinks, timeZone: config.timeZone });
  await http.register(healthPlugin, {
    ready: async () => !stopping,
    dependencies: { database: () => storage.ping(), ...(config.redis ? { redis: () => infra.ping() } : {}) },
    store: storage.kind,
    knowledge: () => ({ model: knowledge.current().hash, version: knowledge.current().version }),
  });
  await http.register(metricsPlugin, { registry, access: config.metrics });
  await http.register(askPlugin, { knowledge, clock });
  await http.register(helpPlugin, { knowledge, clock, origin: () => baseUrl });
  await citizens.receive({ http, service, handoffs: desk });
  await http.register(webPagesPlugin, { widgetDir: join(config.rootDir, "widget") });

  // Serving starts last (start() listens), so it stops first: no new socket or request reaches a closed part.
  closers.push(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await http.close();
  });
  let closing: Promise<void> | undefined;
  return {
    http,
    io,
    knowledge,
    storage,
    records,
    desk,
    accounts,
    service,
    async start() {
      // Every part has defined its jobs by now; those kept from before a restart run from here.
      infra.jobs.start();
      await desk.start();
      if (config.warmUpTurns > 0) {
        const { turns, ms } = await rehearse();
        log(`warmed up on ${turns} rehearsal turns in ${ms} ms`);
      }
      await http.listen({ host: config.host, port: config.port });
      knowledgeWatch.start();
      const { port } = http.server.address() as AddressInfo;
      const url = `${config.tls ? "https" : "http"}://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
      baseUrl = config.publicUrl ?? url;
      return url;
    },
    close() {
      closing ??= (async () => {
        stopping = true;
        await Promise.race([service.drain(), new Promise((r) => setTimeout(r, config.shutdownGraceMs).unref())]);
        for (const close of closers.reverse()) await close();
      })();
      return closing;
    },
  };
}
