import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseEstate } from "../../app/load-estate";
import { EstateError } from "../../lib/estate/estate-error";
import { formatPath } from "../../lib/estate/messages";
import { initStack } from "../../lib/terraform/stack-workflow";
import { terraform, type TerraformResult } from "../../lib/terraform/terraform-cli";
import {
  filesUnder,
  leaks,
  outputOf,
  zipEntries,
  type Haystack,
} from "../support/bad-input-secrets";
import { estateOf, nsxtManager, nsxvManager, RICH_INTROSPECTION } from "../support/estates";
import { runPlanReview } from "../support/plan-review-cli";
import { PostgresServer } from "../support/postgres";
import { runSynth, tempDir, type CommandResult } from "../support/workspace";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/*
 * The estate has no place for a credential, and the credentials a site does have (PostgreSQL's
 * connection string, the NSX password its hook scripts use, a TF_VAR_) never end up in a file
 * or an output: synth, terraform init/plan/show/apply/destroy with the pg backend, the state,
 * and the plan review.
 */

function problems(estate: unknown): Array<{ path: string; message: string }> {
  try {
    parseEstate(JSON.stringify(estate), "estate.json");
  } catch (error) {
    if (error instanceof EstateError) {
      return error.problems.map((p) => ({ path: formatPath(p.path), message: p.message }));
    }
    throw error;
  }
  return [];
}

describe("the estate holds no credentials", () => {
  const secret = "Estate-Secret-4d1c";

  /** Every mapping of the estate, and how to put a key in it. */
  const places: Record<string, (e: ReturnType<typeof estateOf>) => Record<string, unknown>> = {
    "(file)": (e) => e,
    ksc: (e) => e.ksc as Record<string, unknown>,
    backend: (e) => (e.backend = { type: "pg" }),
    hooks: (e) => (e.hooks = {}),
    "managers[0]": (e) => e.managers[0],
    "managers[0].clusters[0]": (e) => e.managers[0].clusters[0],
    "managers[0].policy": (e) => (e.managers[0].policy = {}),
    "managers[0].policy.networkAttack": (e) =>
      (e.managers[0].policy = { networkAttack: {} }).networkAttack,
    "managers[0].policy.exclusions[0]": (e) =>
      (e.managers[0].policy = { exclusions: [{ source: "10.0.0.0/8", rule: "do-not-scan" }] })
        .exclusions[0],
  };

  test.each(Object.keys(places))(
    "password: in %s is an unknown key, its value never shown",
    (at) => {
      const estate = estateOf([nsxvManager()]);
      places[at](estate).password = secret;
      const found = problems(estate);
      const keyPath = at === "(file)" ? "password" : `${at}.password`;
      expect(found).toEqual([
        {
          path: keyPath,
          message: expect.stringMatching(
            /^unknown key "password"; the estate holds no credentials: hooks read them from the environment of terraform \(allowed here: /,
          ),
        },
      ]);
      expect(JSON.stringify(found)).not.toContain(secret);
    },
  );

  test.each([
    "https://admin:Estate-Secret-4d1c@repo.example.local/ksv/ntp-svm.ovf",
    "https://Estate-Secret-4d1c@repo.example.local/ksv/ntp-svm.ovf",
    "http://admin:Estate-Secret-4d1c@10.0.0.5/ksv/ntp-svm.ovf",
  ])("an image URL with credentials is refused, without echoing them: %s", (url) => {
    const found = problems(estateOf([nsxvManager("dc1-nsxv", { svmImageUrl: url })]));
    expect(found).toEqual([
      {
        path: "managers[0].svmImageUrl",
        message: "must not carry credentials (user:password@); the estate holds no secrets",
      },
    ]);
    expect(JSON.stringify(found)).not.toContain(secret);
  });
});

describe("credentials in the environment appear in no file and no output", () => {
  const id = randomBytes(6).toString("hex");
  const secrets = {
    pg: `PgConnSecret${id}`,
    nsx: `NsxPassword${id}`,
    tfVar: `TfVarSecret${id}`,
  };
  const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

  // Each hook uses the credential the way a site script would, and logs only its digest.
  const hooks = Object.fromEntries(
    LIFECYCLE_HOOKS.map((hook) => [
      hook,
      `test -n "$NSX_PASSWORD" && printf '%s %s\\n' "$KSV_HOOK" "$(printf '%s' "$NSX_PASSWORD" | sha256sum | cut -c1-16)" >> "$HOOK_LOG"`,
    ]),
  );
  // Introspection too: every hook runs at least once in the apply and the destroy.
  const estate = estateOf(
    [
      nsxvManager("dc1-nsxv", { introspection: RICH_INTROSPECTION }),
      nsxtManager("dc2-nsxt", { introspection: RICH_INTROSPECTION }),
    ],
    {
      backend: { type: "pg", schemaName: "ksv_secrets" },
      hooks,
    },
  );

  let pg: PostgresServer;
  let project: string;
  const outputs: Haystack[] = [];
  const hookLog: string[] = [];
  const states: string[] = [];
  const planFiles: string[] = [];
  let reviews: CommandResult[] = [];

  beforeAll(async () => {
    pg = await PostgresServer.start();
    project = tempDir("secrets");
    const log = path.join(project, "hooks.log");
    // Trust authentication: the server ignores the password, Terraform still has to carry it.
    const connection = pg.connectionString.replace("postgres@", `postgres:${secrets.pg}@`);
    const env = {
      PG_CONN_STR: connection,
      NSX_PASSWORD: secrets.nsx,
      TF_VAR_nsx_password: secrets.tfVar,
      HOOK_LOG: log,
    };

    fs.writeFileSync(path.join(project, "estate.json"), JSON.stringify(estate, null, 2));
    const synth = await runSynth(project, {
      ...env,
      KSV_ESTATE: "estate.json",
      CDKTF_OUTDIR: undefined,
    });
    outputs.push(...outputOf("synth", synth));
    if (synth.code !== 0) throw new Error(`synth failed:\n${synth.stderr}`);

    const run = (stack: string, args: string[]): TerraformResult => {
      const dir = path.join(project, "cdktf.out", "stacks", stack);
      const result = terraform(dir, args, { env });
      outputs.push(...outputOf(`${stack}: terraform ${args.join(" ")}`, result));
      return result;
    };
    for (const stack of ["dc1-nsxv", "dc2-nsxt"]) {
      const dir = path.join(project, "cdktf.out", "stacks", stack);
      initStack(dir, { env }); // our workflow's init, with its pg checks
      run(stack, ["init", "-input=false"]);
      run(stack, ["plan", "-input=false", "-out=create.tfplan"]);
      const plan = run(stack, ["show", "-json", "create.tfplan"]);
      const planJson = path.join(project, `${stack}.plan.json`);
      fs.writeFileSync(planJson, plan.stdout);
      planFiles.push(planJson);
      run(stack, ["apply", "-input=false", "-auto-approve", "create.tfplan"]);
      states.push(run(stack, ["state", "pull"]).stdout);
      run(stack, ["show", "-json"]);
      run(stack, ["plan", "-input=false", "-destroy", "-out=destroy.tfplan"]);
      run(stack, ["show", "-json", "destroy.tfplan"]);
      run(stack, ["apply", "-input=false", "-auto-approve", "destroy.tfplan"]);
    }
    hookLog.push(...fs.readFileSync(log, "utf8").split("\n").filter(Boolean));
    // The plan review's output is one more place a secret must not be.
    reviews = await Promise.all(
      ["markdown", "json"].map((format) =>
        runPlanReview(["--format", format, "--allow-disruptive", ...planFiles]),
      ),
    );
    for (const [i, review] of reviews.entries()) {
      outputs.push(...outputOf(`ksv-plan-review #${i + 1}`, review));
    }
  });
  afterAll(() => pg?.stop());

  test("the hooks did get the credential (so there was something to leak)", () => {
    expect(hookLog.length).toBeGreaterThanOrEqual(2 * LIFECYCLE_HOOKS.length);
    for (const line of hookLog) expect(line).toMatch(new RegExp(` ${sha(secrets.nsx)}$`));
  });

  test("the state was in PostgreSQL, reached with the connection string", () => {
    expect(states).toHaveLength(2);
    for (const state of states) expect(JSON.parse(state).resources.length).toBeGreaterThan(3);
    expect(pg.sql("terraform", "SELECT count(*) FROM ksv_secrets_dc1_nsxv.states")).toBe("1");
  });

  test("the plan review ran on the plans", () => {
    expect(reviews.map((r) => r.code)).toEqual([0, 0]);
    expect(reviews[0].stdout).toContain("dc1-nsxv");
    expect(reviews[1].stdout).toContain("dc2-nsxt");
  });

  test("no file under the project holds a credential (cdktf.out, .terraform, plans, plan JSON)", () => {
    const files = filesUnder(project);
    const names = files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "cdktf.out/stacks/dc1-nsxv/cdk.tf.json",
        "cdktf.out/stacks/dc1-nsxv/.terraform/terraform.tfstate",
        "cdktf.out/stacks/dc1-nsxv/create.tfplan",
        "cdktf.out/stacks/dc1-nsxv/create.tfplan!tfplan",
        "dc1-nsxv.plan.json",
        "hooks.log",
      ]),
    );
    expect(leaks(files, Object.values(secrets))).toEqual([]);
  });

  test("no output of synth, terraform or the plan review holds a credential", () => {
    expect(outputs.length).toBeGreaterThan(30);
    expect(leaks(outputs, Object.values(secrets))).toEqual([]);
  });

  test("nor does the state kept in PostgreSQL", () => {
    const haystacks = states.map((s, i) => ({ name: `state ${i}`, bytes: Buffer.from(s) }));
    expect(leaks(haystacks, Object.values(secrets))).toEqual([]);
  });

  test("the search finds a credential where there is one, and reads inside saved plans", () => {
    const dir = tempDir("secrets-control");
    fs.writeFileSync(path.join(dir, "plain.txt"), `x ${secrets.nsx} y`);
    fs.writeFileSync(path.join(dir, "encoded.txt"), Buffer.from(secrets.pg).toString("base64"));
    expect(leaks(filesUnder(dir), Object.values(secrets))).toEqual([
      `encoded.txt: ${Buffer.from(secrets.pg).toString("base64").replace(/=+$/, "")}`,
      `plain.txt: ${secrets.nsx}`,
    ]);
    // A saved plan is a zip of deflated entries; the search reads them inflated: the hook
    // commands of the configuration snapshot are there in clear.
    const plan = fs.readFileSync(path.join(project, "cdktf.out/stacks/dc1-nsxv/create.tfplan"));
    expect(plan.includes("sha256sum")).toBe(false);
    expect(zipEntries(plan).some((e) => e.bytes.includes("sha256sum"))).toBe(true);
  });
});
