// npm run staff:add -- --username zhang.wei --name 张伟 --languages zh,en --skills pension,medical --capacity 3 --roles agent
// npm run staff:list | staff:roles -- --username zhang.wei --roles agent,supervisor
// npm run staff:disable -- --username zhang.wei | staff:enable | staff:reset | staff:end-sessions
// npm run staff:second-factor -- --username zhang.wei --require (or --reset: enrol again at next sign-in)
// A new password is read from STAFF_PASSWORD or asked on the terminal (never from the command
// line, where it would land in the shell history); a reset prints the new random one once.
// Every change is written to the audit log as done by "cli".
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { STAFF_ROLES, type StaffRole } from "../src/domain/staff-role.js";
import { StaffError } from "../src/staff/accounts.js";
import { openStaff } from "../src/staff/open-staff.js";
import { FieldCipher } from "../src/security/field-cipher.js";
import { accountView } from "../src/staff/accounts.js";
import { openStorage } from "../src/storage/open-storage.js";
import { RedisStaffSessionStore, staffSessionsPrefix } from "../src/storage/redis/staff-session-store.js";

const COMMANDS = ["add", "list", "roles", "disable", "enable", "reset", "end-sessions", "second-factor"] as const;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: "string" },
    name: { type: "string" },
    languages: { type: "string", default: "zh" },
    skills: { type: "string", default: "*" },
    capacity: { type: "string", default: "3" },
    roles: { type: "string" },
    require: { type: "boolean" },
    "no-require": { type: "boolean" },
    reset: { type: "boolean" },
  },
});
const command = positionals[0] as (typeof COMMANDS)[number] | undefined;
if (!command || !COMMANDS.includes(command)) {
  console.error(`usage: staff <${COMMANDS.join("|")}> [--username NAME] [--roles ${STAFF_ROLES.join(",")}] …`);
  process.exit(2);
}
const roles = (values.roles ?? "").split(",").filter(Boolean) as StaffRole[];
const config = loadConfig();
const storage = await openStorage(config);
// In Redis mode the sessions live in Redis: ending them here must refuse the tokens on every instance.
const redis = config.redis ? new (await import("ioredis")).Redis(config.redis.url, { maxRetriesPerRequest: 3 }) : undefined;
const staffSessions = redis && config.redis ? new RedisStaffSessionStore(redis, staffSessionsPrefix(config.redis.prefix)) : storage.staffSessions;
const { accounts } = openStaff({ ...storage, staffSessions }, {
  sessionSecret: config.secrets.sessionSecret,
  tokenHours: config.staff.tokenHours,
  clock: () => new Date(),
  cipher: new FieldCipher(config.secrets.fieldKey, config.secrets.oldFieldKeys),
  agentSecondFactor: config.staff.agentSecondFactor,
});
const account = () => accounts.byUsername(values.username ?? "");
try {
  if (command === "add") {
    const password =
      process.env.STAFF_PASSWORD ??
      (await (async () => {
        const rl = createInterface({ input: process.stdin, output: process.stdout });
        const answer = await rl.question("password (at least 10 characters): ");
        rl.close();
        return answer;
      })());
    const staff = await accounts.create({
      username: values.username ?? "",
      displayName: values.name ?? values.username ?? "",
      password,
      languages: (values.languages ?? "").split(",").filter(Boolean) as ("zh" | "en")[],
      skills: (values.skills ?? "").split(",").filter(Boolean) as never,
      capacity: Number(values.capacity),
      ...(roles.length > 0 ? { roles } : {}),
    });
    console.log(`created ${staff.username} (${staff.id}), roles ${staff.roles.join(", ")}`);
  } else if (command === "list") {
    for (const s of await accounts.list()) {
      const { secondFactor: f } = accountView(s, config.staff.agentSecondFactor);
      const factor = f.enrolled ? `2fa (${f.recoveryCodesLeft} codes left)` : f.required ? "2fa at next sign-in" : "no 2fa";
      console.log(`${s.username.padEnd(20)} ${s.roles.join(",").padEnd(28)} ${s.disabled ? "disabled" : "enabled "} ${factor.padEnd(22)} ${s.displayName}`);
    }
  } else if (command === "roles") {
    const staff = await accounts.change("cli", (await account()).id, { roles });
    console.log(`${staff.username}: ${staff.roles.join(", ")}`);
  } else if (command === "disable" || command === "enable") {
    const staff = await accounts.change("cli", (await account()).id, { disabled: command === "disable" });
    console.log(`${staff.username}: ${staff.disabled ? "disabled (its sessions ended)" : "enabled"}`);
  } else if (command === "reset") {
    const staff = await account();
    const password = await accounts.resetPassword("cli", staff.id);
    console.log(`${staff.username}: new password ${password} (shown once; its sessions ended)`);
  } else if (command === "second-factor") {
    const staff = await account();
    if (values.reset) {
      await accounts.resetSecondFactor("cli", staff.id);
      console.log(`${staff.username}: authenticator and recovery codes forgotten; enrols again at the next sign-in (sessions ended)`);
    }
    if (values.require || values["no-require"]) {
      const changed = await accounts.change("cli", staff.id, { requireSecondFactor: values.require === true });
      const { secondFactor: f } = accountView(changed, config.staff.agentSecondFactor);
      console.log(`${staff.username}: second factor ${f.required ? "required" : "not required"}${f.required && !values.require ? " (its roles or its enrolment require it)" : ""}`);
    }
    if (!values.reset && !values.require && !values["no-require"]) {
      console.error("staff:second-factor needs --require, --no-require or --reset");
      process.exitCode = 2;
    }
  } else {
    const staff = await account();
    console.log(`${staff.username}: ${await accounts.endSessions("cli", staff.id)} session(s) ended`);
  }
} catch (error) {
  if (!(error instanceof StaffError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await storage.close();
  await redis?.quit();
}
