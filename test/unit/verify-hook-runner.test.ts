import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runVerify } from "../../lib/verify/run-verify";
import type { VerifyTarget } from "../../lib/verify/instances";
import { tempDir } from "../support/workspace";

/*
 * The verify hook is a site's script, run as it is: these hooks misbehave on purpose, as a broken
 * or hostile script would, and the runner must still end, say one thing about it, and never pass
 * a terminal's control characters through.
 */

const deployment: VerifyTarget = {
  address: 'terraform_data.deployment["prod-a"]',
  role: "service-deployment",
  values: { manager: "dc1", cluster: "prod-a" },
  hosts: ["esx1"],
};
const service: VerifyTarget = {
  address: "terraform_data.service",
  role: "protection-service",
  values: { manager: "dc1", traffic_mode: "standard" },
};

const run = (target: VerifyTarget, command: string, timeoutSeconds = 10) =>
  runVerify(target, { command, manager: "dc1", timeoutSeconds });

/** A hook that writes its answer from a file (the shell would mangle a 20 MB argument). */
function answering(answer: unknown): string {
  const file = path.join(tempDir("verify-answer"), "answer.json");
  fs.writeFileSync(file, typeof answer === "string" ? answer : JSON.stringify(answer));
  return `cat ${JSON.stringify(file)}`;
}

// A guard against a hang, not a measure of speed: the runner must end on its own.
const HANG_GUARD_MS = 60_000;

/**
 * A child in a session of its own, out of the runner's reach by design; it leaves its pid so
 * that the tests end it rather than leave a sleeper behind.
 */
const escapedDir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-verify-escaped-"));
const escapedPids = path.join(escapedDir, "pids");
const ESCAPING_CHILD = `setsid sleep 300 & echo $! >> ${JSON.stringify(escapedPids)}`;
afterAll(() => {
  const pids = fs.existsSync(escapedPids) ? fs.readFileSync(escapedPids, "utf8") : "";
  for (const pid of pids.split("\n").filter(Boolean)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // already gone
    }
  }
  fs.rmSync(escapedDir, { recursive: true, force: true });
});

test(
  "a hook that hangs with a setsid child holding its stdout: the time-out ends the run",
  async () => {
    await expect(run(deployment, `${ESCAPING_CHILD}; sleep 300`, 1)).rejects.toThrow(
      /verify hook of terraform_data\.deployment\["prod-a"\] \(service-deployment\) on manager dc1 did not finish within 1 s/,
    );
  },
  HANG_GUARD_MS,
);

test(
  "a hook that answers and exits, leaving a child that holds its stdout: the answer is read",
  async () => {
    const observation = await run(
      deployment,
      `echo '{"deployed":true,"hosts":["esx1"]}'; ${ESCAPING_CHILD}`,
    );
    expect(observation).toMatchObject({ deployed: true, hosts: ["esx1"] });
  },
  HANG_GUARD_MS,
);

test("an answer of 70,002 hosts (about 18 MB) is within the schema, and read", async () => {
  const hosts = Array.from(
    { length: 70_002 },
    (_, i) => `esx-${String(i).padStart(6, "0")}.${"x".repeat(230)}`,
  );
  const observation = await run(deployment, answering({ deployed: true, hosts }));
  expect((observation as { hosts: string[] }).hosts).toHaveLength(70_002);
});

test("an answer larger than any valid one is refused as too large, not as 'no JSON'", async () => {
  const huge = JSON.stringify({ deployed: true, hosts: ["x".repeat(40 * 1024 * 1024)] });
  await expect(run(deployment, answering(huge))).rejects.toThrow(
    /printed more than 32 MiB, too large for an answer/,
  );
});

test("an answer nested 5,000 levels deep is one line naming the hook", async () => {
  const nested = `{"present":true,"x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
  const threat: VerifyTarget = {
    address: "terraform_data.threat_policy",
    role: "threat-policy",
    values: {},
  };
  await expect(run(threat, answering(nested))).rejects.toThrow(
    /verify hook of terraform_data\.threat_policy \(threat-policy\) on manager dc1 printed JSON nested more than 32 levels deep/,
  );
});

test("a registration without its traffic mode is refused, naming the field, never read as agreement", async () => {
  await expect(run(service, `echo '{"registered":true}'`)).rejects.toThrow(
    /trafficMode: is required when registered is true/,
  );
});

test("control characters a hook prints (ESC[2J, OSC) reach no terminal: they are written out", async () => {
  const error = await run(
    deployment,
    `printf '\\033[2Jcleared\\033]0;title\\007\\n' >&2; exit 4`,
  ).catch((e: Error) => e);
  expect((error as Error).message).toContain("\\x1B[2Jcleared\\x1B]0;title\\x07");
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  expect((error as Error).message).not.toMatch(/[\u001b\u0007]/);
});
