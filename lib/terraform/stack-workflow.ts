import * as fs from "fs";
import * as path from "path";
import { RESOURCE_NAMES } from "../contract";
import { UserError } from "../user-error";
import {
  redactSecrets,
  terraform,
  terraformAsync,
  terraformEnvironment,
  terraformFailure,
  type TerraformOptions,
  type TerraformResult,
} from "./terraform-cli";

/*
 * The Terraform steps our scripts take on a synthesized stack folder (cdktf.out/stacks/<name>):
 * the same commands a user or a CI job runs, never a stand-in.
 */

export const PLAN_FILE = "ksv.tfplan";

/**
 * How long a plan or an apply waits for the state lock. The pg backend locks a state with a
 * PostgreSQL advisory lock on its row's id (and -1 while creating it), and advisory locks are
 * database-wide: every stack's schema has a row 1, so stacks sharing a database take turns even
 * though their states are apart (two CI jobs planning two managers at once, or npm run
 * plan-review planning several). Waiting keeps them from failing with "Error acquiring the state
 * lock"; a lock held longer than this by a hung process still fails.
 */
export const LOCK_TIMEOUT = "-lock-timeout=300s";

/** The backend type of a synthesized stack (`terraform.backend` of its cdk.tf.json), if any. */
export function stackBackend(dir: string): string | undefined {
  let json: { terraform?: { backend?: Record<string, unknown> } };
  try {
    json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
  } catch {
    return undefined; // not a synthesized stack folder: terraform init says what is wrong
  }
  const backend = json?.terraform?.backend;
  return backend && typeof backend === "object" ? Object.keys(backend)[0] : undefined;
}

/** Go's network errors, as Terraform's pg backend (lib/pq) reports them. */
const UNREACHABLE =
  /dial tcp|connect:|connection refused|no such host|i\/o timeout|network is unreachable|no route to host|timeout/i;

const INIT_ARGS = ["init", "-input=false"];

export interface InitOptions extends TerraformOptions {
  /** Providers from this folder, nothing downloaded (`-plugin-dir`). @default - the registry */
  readonly pluginDir?: string;
}

function initArgs(options: InitOptions): string[] {
  return options.pluginDir ? [...INIT_ARGS, `-plugin-dir=${options.pluginDir}`] : INIT_ARGS;
}

/**
 * Before `terraform init`: a stack with the pg backend needs PG_CONN_STR (without it Terraform
 * tries a server on localhost:5432 with default credentials, which may be another one).
 */
function checkInit(dir: string, options: TerraformOptions): void {
  if (stackBackend(dir) !== "pg") return;
  if (!terraformEnvironment(options.env).PG_CONN_STR) {
    throw new UserError(
      `stack ${path.basename(dir)}: the pg backend reads its connection string from PG_CONN_STR, which is not set; set it in the environment of this command (postgres://user@host:5432/database), never in the estate`,
    );
  }
}

/** After `terraform init`: a failure to reach PostgreSQL is said as such, without the connection string. */
function initOutcome(dir: string, result: TerraformResult, options: InitOptions): void {
  if (result.code === 0) return;
  const env = terraformEnvironment(options.env);
  // A backend failure comes before Terraform looks at providers.
  const atBackend = !/Initializing provider plugins/.test(result.stdout);
  const reason = /^Error: (.+)$/m.exec(result.stderr)?.[1]?.trim();
  if (stackBackend(dir) === "pg" && atBackend && reason) {
    const what = UNREACHABLE.test(reason)
      ? "PostgreSQL is unreachable"
      : "the pg backend could not use PostgreSQL";
    throw new UserError(
      `stack ${path.basename(dir)}: terraform init failed: ${what}: ${redactSecrets(reason, env)}. The server, user and options come from PG_CONN_STR; check them, and that the server accepts connections from this machine`,
    );
  }
  throw terraformFailure(dir, initArgs(options), result, env);
}

/** `terraform init`, with the pg backend's checks (checkInit, initOutcome). */
export function initStack(dir: string, options: InitOptions = {}): void {
  checkInit(dir, options);
  initOutcome(dir, terraform(dir, initArgs(options), { ...options, allowFailure: true }), options);
}

/** `initStack`, without blocking. */
export async function initStackAsync(dir: string, options: InitOptions = {}): Promise<void> {
  checkInit(dir, options);
  initOutcome(
    dir,
    await terraformAsync(dir, initArgs(options), { ...options, allowFailure: true }),
    options,
  );
}

export interface PlannedStack {
  /** Path of the saved plan. */
  readonly planFile: string;
  /** Whether the plan changes anything (terraform plan -detailed-exitcode). */
  readonly hasChanges: boolean;
}

type PlanOptions = TerraformOptions & {
  readonly destroy?: boolean;
  readonly planFile?: string;
  /** Plan only these resource instances and what they depend on (`-target`). */
  readonly targets?: readonly string[];
  /** Plan these resource instances' replacement although nothing changed (`-replace`). */
  readonly replace?: readonly string[];
};

function planArgs(options: PlanOptions): string[] {
  const args = [
    "plan",
    "-input=false",
    "-detailed-exitcode",
    LOCK_TIMEOUT,
    `-out=${options.planFile ?? PLAN_FILE}`,
  ];
  if (options.destroy) args.push("-destroy");
  for (const address of options.targets ?? []) args.push(`-target=${address}`);
  for (const address of options.replace ?? []) args.push(`-replace=${address}`);
  return args;
}

function planOutcome(
  dir: string,
  args: readonly string[],
  result: TerraformResult,
  options: PlanOptions,
): PlannedStack {
  if (result.code === 1) {
    const failure = terraformFailure(dir, args, result, terraformEnvironment(options.env));
    const lock = `.${RESOURCE_NAMES["traffic-mode-lock"]} has lifecycle.prevent_destroy`;
    if (result.stderr.replace(/\s+/g, " ").includes(lock)) {
      failure.message +=
        `\n\nThe traffic mode of ${path.basename(dir)} is locked (lockTrafficMode: true in the estate). ` +
        "To change it on purpose, set lockTrafficMode: false for this manager in the same change, " +
        "review the plan, apply, and lock it again.";
    }
    throw failure;
  }
  return {
    planFile: path.resolve(dir, options.planFile ?? PLAN_FILE),
    hasChanges: result.code === 2,
  };
}

/** `terraform plan -out`; `destroy` plans the removal of everything. */
export function planStack(dir: string, options: PlanOptions = {}): PlannedStack {
  const args = planArgs(options);
  return planOutcome(dir, args, terraform(dir, args, { ...options, allowFailure: true }), options);
}

/** `planStack`, without blocking. */
export async function planStackAsync(
  dir: string,
  options: PlanOptions = {},
): Promise<PlannedStack> {
  const args = planArgs(options);
  const result = await terraformAsync(dir, args, { ...options, allowFailure: true });
  return planOutcome(dir, args, result, options);
}

/** `terraform show -json <plan>`: the plan as data (format_version 1.x). */
export function showPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): unknown {
  return JSON.parse(terraform(dir, ["show", "-json", planFile], options).stdout);
}

/** `showPlan`, without blocking. */
export async function showPlanAsync(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): Promise<unknown> {
  return JSON.parse((await terraformAsync(dir, ["show", "-json", planFile], options)).stdout);
}

/** `terraform apply` of a saved plan (it asks nothing: the plan was the approval). */
export function applyArgs(planFile: string): string[] {
  return ["apply", "-input=false", "-auto-approve", LOCK_TIMEOUT, planFile];
}

export function applyPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): void {
  terraform(dir, applyArgs(planFile), options);
}

/** `applyPlan`, without blocking. */
export async function applyPlanAsync(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): Promise<void> {
  await terraformAsync(dir, applyArgs(planFile), options);
}
