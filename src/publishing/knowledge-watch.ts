import type { KnowledgeVersion, KnowledgeVersionStore } from "../storage/ports.js";
import type { ActiveKnowledge, Knowledge } from "./active-knowledge.js";

/** How long a replaced understanding stays open for the turns that began with it. */
const RETIRE_AFTER_MS = 10_000;

/**
 * Keeps a running desk on the newest published knowledge version, without a restart: it asks the
 * store for its newest version number every `everyMs`; a new one is made ready beside the one
 * serving (its model found, or trained in a thread of its own: `load`), then swapped in at once,
 * so a turn understands and answers with one version, never a mix. The replaced understanding is
 * closed once the turns that began with it have had time to finish. A version that cannot be
 * loaded is reported once and the desk keeps serving the one it has.
 */
export class KnowledgeWatch {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private failed: number | undefined;
  private stopped = false;
  private readonly retiring = new Set<{ knowledge: Knowledge; timer: NodeJS.Timeout }>();

  constructor(
    private readonly deps: {
      versions: KnowledgeVersionStore;
      active: ActiveKnowledge;
      load: (version: KnowledgeVersion) => Promise<Knowledge>;
      log: (line: string) => void;
      onError: (error: unknown) => void;
      /** 0: only when asked (check). */
      everyMs: number;
      retireAfterMs?: number;
    },
  ) {}

  start(): void {
    if (this.deps.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.check(), this.deps.everyMs);
    this.timer.unref();
  }

  /** Looks for a newer version now; resolves once it is served, or found to be the one served. */
  check(): Promise<void> {
    this.checking ??= this.update()
      .catch((error) => this.deps.onError(error))
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async update(): Promise<void> {
    const [newest] = await this.deps.versions.list(1);
    const serving = this.deps.active.current().version;
    if (this.stopped || !newest || newest.version === serving || newest.version === this.failed) return;
    const version = await this.deps.versions.get(newest.version);
    if (!version) return;
    this.deps.log(`knowledge version ${version.version} published (${version.origin}, by ${version.author}): getting it ready`);
    let next: Knowledge;
    try {
      next = await this.deps.load(version);
    } catch (error) {
      this.failed = version.version;
      this.deps.log(`knowledge version ${version.version} cannot be served (${(error as Error).message}); still serving version ${serving}`);
      return;
    }
    if (this.stopped) {
      await next.understander.close();
      return;
    }
    const previous = this.deps.active.swap(next);
    this.deps.log(`serving knowledge version ${next.version} (model ${next.hash}) in place of version ${previous.version}`);
    const retired = { knowledge: previous, timer: setTimeout(() => void this.retire(retired), this.deps.retireAfterMs ?? RETIRE_AFTER_MS) };
    retired.timer.unref();
    this.retiring.add(retired);
  }

  private async retire(retired: { knowledge: Knowledge; timer: NodeJS.Timeout }): Promise<void> {
    if (!this.retiring.delete(retired)) return;
    clearTimeout(retired.timer);
    await retired.knowledge.understander.close();
  }

  /** Stops looking, waits for a check under way, and closes what it replaced. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
    await Promise.all([...this.retiring].map((r) => this.retire(r)));
  }
}
