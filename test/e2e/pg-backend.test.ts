import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { planStacks } from "../../app/plan-stacks";
import { terraform, terraformEnvironment } from "../../lib/terraform/terraform-cli";
import { estateOf, nsxvManager, type EstateInput } from "../support/estates";
import { PostgresServer } from "../support/postgres";
import { changesOf, Scenario } from "../support/scenario";
import { runScript } from "../support/workspace";

/*
 * Team state in PostgreSQL: a real server in a temp folder, Terraform's pg backend, two
 * checkouts of the same project, concurrent and interrupted applies.
 */

let pg: PostgresServer;
beforeAll(async () => {
  pg = await PostgresServer.start();
});
afterAll(() => pg?.stop());

/** Each cluster's SVM deployment takes a while, so that an apply can be caught in the middle. */
const slowHooks = {
  deploySvms: `printf 'deploying %s\\n' "$KSV_CLUSTER" >> "$HOOK_LOG"; sleep 2`,
  removeSvms: `printf 'removing %s\\n' "$KSV_CLUSTER" >> "$HOOK_LOG"; sleep 2`,
};

const EXTRA_CLUSTER = "prod-c";

function estate(trafficMode = "standard", extraCluster = false): EstateInput {
  const manager = nsxvManager("dc1-nsxv", { trafficMode });
  if (extraCluster) {
    manager.clusters.push({
      name: EXTRA_CLUSTER,
      datastore: "ds-c",
      network: "pg-mgmt",
      hosts: ["esx-c1.dc1-nsxv.local"],
    });
  }
  return estateOf([manager], { backend: { type: "pg", schemaName: "ksv" }, hooks: slowHooks });
}

interface Running {
  readonly pid: number;
  readonly done: Promise<{ code: number | null; output: string }>;
}

/** terraform in the background, in a process group of its own (so its hooks go with it). */
function startTerraform(dir: string, args: string[], env: Record<string, string>): Running {
  const child = spawn("terraform", args, {
    cwd: dir,
    env: terraformEnvironment(env),
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, output })),
  );
  return { pid: child.pid!, done };
}

async function waitForLine(file: string, pattern: RegExp, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && pattern.test(fs.readFileSync(file, "utf8"))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} never showed ${pattern}`);
}

function stateList(scenario: Scenario): string[] {
  const env = { PG_CONN_STR: pg.connectionString };
  return terraform(scenario.stackDir("dc1-nsxv"), ["state", "list"], { env })
    .stdout.split("\n")
    .filter(Boolean)
    .sort();
}

const expectedAddresses = (clusters: string[]) =>
  [
    "terraform_data.nsx_objects",
    "terraform_data.service",
    "terraform_data.service_identity",
    "terraform_data.threat_policy",
    ...clusters.map((c) => `terraform_data.deployment["${c}"]`),
    ...clusters.map((c) => `terraform_data.svm_image["${c}"]`),
  ].sort();

const clusters = ["prod-a", "prod-b"];

describe("the pg backend", () => {
  let first: Scenario;
  let second: Scenario;
  const env = () => ({ PG_CONN_STR: pg.connectionString });

  beforeAll(() => {
    first = new Scenario("pg-first");
    second = new Scenario("pg-second");
  });

  test("keeps each stack's state in its own schema; the connection string is never written", () => {
    first.synth(estate());
    const json = fs.readFileSync(`${first.stackDir("dc1-nsxv")}/cdk.tf.json`, "utf8");
    expect(JSON.parse(json).terraform.backend).toEqual({ pg: { schema_name: "ksv_dc1_nsxv" } });
    expect(json).not.toContain(String(pg.port));

    first.apply("dc1-nsxv", { env: env() });
    expect(pg.sql("terraform", "SELECT name FROM ksv_dc1_nsxv.states")).toBe("default");
    expect(fs.readdirSync(first.dir).filter((f) => f.endsWith(".tfstate"))).toEqual([]);
  });

  test("a second checkout sees the same state", () => {
    second.synth(estate());
    expect(second.plan("dc1-nsxv", { env: env() }).hasChanges).toBe(false);
    expect(stateList(second)).toEqual(expectedAddresses(clusters));
  });

  test("two applies of the same stack at once: one fails on the state lock, the state stays intact", async () => {
    first.synth(estate("standard", true));
    second.synth(estate("standard", true));
    const hookLog = first.hookLog;
    const apply = ["apply", "-input=false", "-auto-approve", "-lock-timeout=0"];
    const a = startTerraform(first.stackDir("dc1-nsxv"), apply, { ...env(), HOOK_LOG: hookLog });
    await waitForLine(hookLog, /deploying prod-c/); // a holds the lock now
    const b = startTerraform(second.stackDir("dc1-nsxv"), apply, {
      ...env(),
      HOOK_LOG: second.hookLog,
    });

    const [resultA, resultB] = await Promise.all([a.done, b.done]);
    expect(resultB.code).toBe(1);
    expect(resultB.output).toContain("Error acquiring the state lock");
    expect(resultA.code).toBe(0);
    expect(fs.existsSync(second.hookLog)).toBe(false); // b ran no hook

    expect(stateList(first)).toEqual(expectedAddresses([...clusters, EXTRA_CLUSTER]));
    expect(second.plan("dc1-nsxv", { env: env() }).hasChanges).toBe(false);
  });

  test("an apply killed with SIGKILL mid-way: the lock goes with its session, and a re-apply converges without duplicates", async () => {
    first.takeHookLog();
    first.synth(estate("monitoring", true));
    const apply = ["apply", "-input=false", "-auto-approve", "-parallelism=1"];
    const run = startTerraform(first.stackDir("dc1-nsxv"), apply, {
      ...env(),
      HOOK_LOG: first.hookLog,
    });
    await waitForLine(first.hookLog, /removing/);
    process.kill(-run.pid, "SIGKILL");
    await run.done;

    // PostgreSQL ends the killed session's advisory lock with the connection. A runbook's
    // `terraform force-unlock` is harmless here; a plan proves the state is free again.
    const stackDir = first.stackDir("dc1-nsxv");
    terraform(stackDir, ["force-unlock", "-force", "killed-apply"], {
      env: env(),
      allowFailure: true,
    });
    const free = terraform(
      stackDir,
      ["plan", "-input=false", "-lock-timeout=0", "-detailed-exitcode"],
      {
        env: env(),
        allowFailure: true,
      },
    );
    expect(free.code).toBe(2); // changes pending, no lock error

    first.takeHookLog();
    first.apply("dc1-nsxv", { env: env() });
    expect(stateList(first)).toEqual(expectedAddresses([...clusters, EXTRA_CLUSTER]));
    expect(first.plan("dc1-nsxv", { env: env() }).hasChanges).toBe(false);
    const service = JSON.parse(
      terraform(stackDir, ["show", "-json"], { env: env() }).stdout,
    ).values.root_module.resources.find(
      (r: { address: string }) => r.address === "terraform_data.service",
    );
    expect(service.values.triggers_replace.traffic_mode).toBe("monitoring");
  });

  test("a hung apply keeps its lock: force-unlock cannot free it, ending its session does", async () => {
    first.takeHookLog();
    first.synth(estate("standard", true));
    const stackDir = first.stackDir("dc1-nsxv");
    const run = startTerraform(
      stackDir,
      ["apply", "-input=false", "-auto-approve", "-parallelism=1"],
      {
        ...env(),
        HOOK_LOG: first.hookLog,
      },
    );
    await waitForLine(first.hookLog, /removing/);
    process.kill(-run.pid, "SIGSTOP");
    try {
      const plan = ["plan", "-input=false", "-lock-timeout=0"];
      const locked = terraform(stackDir, plan, { env: env(), allowFailure: true });
      expect(locked.stderr).toContain("Error acquiring the state lock");
      const lockId = /ID:\s+(\S+)/.exec(locked.stderr)?.[1];
      expect(lockId).toBeDefined();

      // Terraform reports success, but a PostgreSQL advisory lock belongs to the session holding it.
      const unlock = terraform(stackDir, ["force-unlock", "-force", lockId!], { env: env() });
      expect(unlock.stdout).toContain("successfully unlocked");
      expect(terraform(stackDir, plan, { env: env(), allowFailure: true }).stderr).toContain(
        "Error acquiring the state lock",
      );

      // What works: end the hung session (the runbook's step for the pg backend).
      expect(
        pg.sql(
          "terraform",
          "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory'",
        ),
      ).toBe("1");
      expect(terraform(stackDir, plan, { env: env(), allowFailure: true }).code).toBe(0);
    } finally {
      process.kill(-run.pid, "SIGKILL");
      await run.done;
    }
    first.apply("dc1-nsxv", { env: env() });
    expect(changesOf(first.plan("dc1-nsxv", { env: env() }))).toEqual({});
    expect(stateList(first)).toEqual(expectedAddresses([...clusters, EXTRA_CLUSTER]));
  });
});

describe("npm run plan-review against the team state", () => {
  test("a fresh CI checkout plans against what is deployed: no changes, then a mode change", async () => {
    const estateFor = (trafficMode: string) =>
      estateOf([nsxvManager("dc1-nsxv", { trafficMode })], {
        backend: { type: "pg", schemaName: "review" },
      });
    const deployed = new Scenario("pg-review-deployed");
    deployed.synth(estateFor("standard"));
    deployed.apply("dc1-nsxv", { env: { PG_CONN_STR: pg.connectionString } });

    // What CI has: a checkout with no state, cdktf.out or .terraform, and PG_CONN_STR.
    const ci = new Scenario("pg-review-ci");
    const review = async (trafficMode: string) => {
      fs.writeFileSync(`${ci.dir}/estate.json`, JSON.stringify(estateFor(trafficMode)));
      return runScript("scripts/plan-and-review.ts", ["--format", "json"], {
        cwd: ci.dir,
        env: { KSV_ESTATE: "estate.json", PG_CONN_STR: pg.connectionString },
      });
    };
    const unchanged = await review("standard");
    expect(unchanged.stderr).not.toContain("unexpected error");
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout).managers[0]).toMatchObject({
      name: "dc1-nsxv",
      hasChanges: false,
    });

    const modeChange = await review("monitoring");
    expect(modeChange.code).toBe(2);
    const [manager] = JSON.parse(modeChange.stdout).managers;
    expect(manager.trafficMode).toEqual({ before: "standard", after: "monitoring", changed: true });
    expect(manager.protectionGap.hostCount).toBe(3);
    expect(fs.readdirSync(ci.dir).filter((f) => f.endsWith(".tfstate"))).toEqual([]);
  });
});

describe("several stacks planned at once on a new database", () => {
  test("their first inits do not collide on what the pg backend's stacks share", async () => {
    pg.sql("postgres", "CREATE DATABASE fresh");
    const env = { PG_CONN_STR: pg.connectionStringOf("fresh") };
    const scenario = new Scenario("pg-first-inits");
    const names = ["dc1-nsxv", "dc2-nsxv", "dc3-nsxv"];
    scenario.synth(
      estateOf(
        names.map((name) => nsxvManager(name)),
        { backend: { type: "pg", schemaName: "ksv" } },
      ),
    );
    // PostgreSQL's CREATE … IF NOT EXISTS is not safe between sessions: an init that creates
    // the shared sequence while others do fails on a duplicate key. A session that has created
    // it without committing makes every init that tries meanwhile wait, then meet the others.
    const holder = pg.openSession("fresh");
    await holder.send("BEGIN;");
    expect(await holder.send("CREATE SEQUENCE public.global_states_id_seq AS bigint;")).toBe("");
    const waiting = () =>
      Number(
        pg.sql(
          "postgres",
          "SELECT count(*) FROM pg_stat_activity WHERE datname = 'fresh' AND wait_event_type = 'Lock'",
        ),
      );
    const planned = planStacks(
      names.map((name) => ({ name, file: path.join(scenario.stackDir(name), "cdk.tf.json") })),
      { concurrency: names.length, env },
    ).then(
      (plans) => plans.map((plan) => plan.name),
      (error: Error) => error.message,
    );
    let settled = false;
    void planned.finally(() => (settled = true));
    while (!settled && waiting() === 0) await new Promise((r) => setTimeout(r, 50));
    // Time for the other stacks' inits to start and wait too, if they were started.
    await new Promise((r) => setTimeout(r, 3000));
    const waitingAtOnce = waiting();
    await holder.send("ROLLBACK;");
    await holder.close();

    expect(await planned).toEqual(names);
    expect(waitingAtOnce).toBe(1);
  });
});
