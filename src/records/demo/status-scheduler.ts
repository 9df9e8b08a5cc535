import type { ApplicationKind, ApplicationStatus } from "../ports.js";
import { type DemoTransitions, nextStep, type Step } from "./transitions.js";

/** setTimeout's ceiling (about 24.8 days); a longer wait is re-armed when it runs out. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the scheduler needs of an application to time its next step. */
export interface ScheduledApplication {
  number: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  updatedAt: string;
}

/**
 * The demo's automatic status steps: one timer per application, armed for its next step (nextStep)
 * timed from its last change, so a restart that arms them again resumes where it was. A timer never
 * keeps the process alive; `step` is called when one runs out, and decides whether it still applies.
 */
export class StatusScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly setup: {
      /** undefined: no automatic steps. */
      transitions: DemoTransitions | undefined;
      clock: () => Date;
      step: (app: ScheduledApplication, step: Step) => void;
    },
  ) {}

  /** Arms the application's next automatic step, replacing any pending one (a staff change replaces it). */
  schedule(app: ScheduledApplication): void {
    this.cancel(app.number);
    const { transitions, clock } = this.setup;
    if (!transitions || this.stopped) return;
    const step = nextStep(app.kind, app.status);
    if (!step) return;
    const wait = Math.max(0, Date.parse(app.updatedAt) + transitions[step.after] - clock().getTime());
    const rearm = wait > MAX_TIMER_MS;
    const timer = setTimeout(
      () => {
        this.timers.delete(app.number);
        if (this.stopped) return;
        if (rearm) return this.schedule(app);
        this.setup.step(app, step);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    // A pending demo step must never keep the process alive.
    timer.unref();
    this.timers.set(app.number, timer);
  }

  cancel(number: string): void {
    const timer = this.timers.get(number);
    if (timer) clearTimeout(timer);
    this.timers.delete(number);
  }

  /** Clears every pending step; nothing is armed after it. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
