import { totpCode, totpStep, TOTP_PERIOD } from "../../src/staff/second-factor.js";

type Answer = { status: number; body: Record<string, unknown> };

async function post(url: string, path: string, payload: unknown): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What one person's phone holds: the authenticator secret, the recovery codes left, the last step used. */
interface Phone {
  secret: string;
  recoveryCodes: string[];
  lastStep: number;
}

/**
 * Signs staff in over HTTP as a person does, through both steps: enrols an account the first time
 * (keeping the secret and the recovery codes, as the person's phone and drawer would) and then
 * answers with the authenticator's code. A code works once per 30-s step, so a second sign-in in
 * the same step uses the next step's code (accepted: a phone's clock may run ahead), and a third
 * a recovery code.
 */
export class StaffSignIns {
  private readonly phones = new Map<string, Phone>();

  constructor(private readonly url: string) {}

  /** The first step's answer as it came, for tests of the step itself. */
  password(username: string, password: string): Promise<Answer> {
    return post(this.url, "/api/v1/staff/sign-in", { username, password });
  }

  second(challenge: string, code: string): Promise<Answer> {
    return post(this.url, "/api/v1/staff/sign-in/second-factor", { challenge, code });
  }

  /** Both steps; the final answer (200 with a token when all went well). */
  async signIn(username: string, password: string): Promise<Answer> {
    const first = await this.password(username, password);
    if (first.status !== 200 || first.body.token) return first;
    const challenge = first.body.challenge as string;
    if (first.body.step === "enrol") {
      const secret = (first.body.enrolment as { secret: string }).secret;
      const now = new Date();
      const answer = await this.second(challenge, totpCode(secret, now));
      if (answer.status === 200) this.phones.set(username, { secret, recoveryCodes: answer.body.recoveryCodes as string[], lastStep: totpStep(now) });
      return answer;
    }
    const phone = this.phone(username);
    return this.second(challenge, this.nextCode(phone));
  }

  /** The phone of an account that enrolled through this helper. */
  phone(username: string): Phone {
    const phone = this.phones.get(username);
    if (!phone) throw new Error(`${username} has not enrolled through this helper`);
    return phone;
  }

  /** Carries a phone to another server of the same desk (a restart). */
  adopt(username: string, phone: Phone): void {
    this.phones.set(username, phone);
  }

  /** A code not used yet: this step's, the next step's, else a recovery code. */
  private nextCode(phone: Phone): string {
    const now = new Date();
    const step = totpStep(now);
    for (const candidate of [step, step + 1]) {
      if (candidate > phone.lastStep) {
        phone.lastStep = candidate;
        return totpCode(phone.secret, new Date(candidate * TOTP_PERIOD * 1000));
      }
    }
    const code = phone.recoveryCodes.shift();
    if (!code) throw new Error("out of recovery codes: sign in less often in one test");
    return code;
  }
}
