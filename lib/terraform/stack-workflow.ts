import * as fs from "fs";
import * as path from "path";
import { UserError } from "../user-error";
import {
  redactSecrets,
  terraform,
  terraformEnvironment,
  terraformFailure,
  type TerraformOptions,
} from "./terraform-cli";

/*
 * The Terraform steps our scripts take on a synthesized stack folder (cdktf.out/stacks/<name>):
 * the same commands a user or a CI job runs, never a stand-in.
 */

export const PLAN_FILE = "ksv.tfplan";

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

/**
 * `terraform init`. For a stack with the pg backend, PG_CONN_STR must be set (without it
 * Terraform tries a server on localhost:5432 with default credentials, which may be another
 * one), and a failure to reach PostgreSQL is said as such, without the connection string.
 */
export function initStack(dir: string, options: TerraformOptions = {}): void {
  const args = ["init", "-input=false"];
  if (stackBackend(dir) !== "pg") {
    terraform(dir, args, options);
    return;
  }
  const env = terraformEnvironment(options.env);
  if (!env.PG_CONN_STR) {
    throw new UserError(
      `stack ${path.basename(dir)}: the pg backend reads its connection string from PG_CONN_STR, which is not set; set it in the environment of this command (postgres://user@host:5432/database), never in the estate`,
    );
  }
  const result = terraform(dir, args, { ...options, allowFailure: true });
  if (result.code === 0) return;
  // A backend failure comes before Terraform looks at providers.
  const atBackend = !/Initializing provider plugins/.test(result.stdout);
  const reason = /^Error: (.+)$/m.exec(result.stderr)?.[1]?.trim();
  if (atBackend && reason) {
    const what = UNREACHABLE.test(reason)
      ? "PostgreSQL is unreachable"
      : "the pg backend could not use PostgreSQL";
    throw new UserError(
      `stack ${path.basename(dir)}: terraform init failed: ${what}: ${redactSecrets(reason, env)}. The server, user and options come from PG_CONN_STR; check them, and that the server accepts connections from this machine`,
    );
  }
  throw terraformFailure(dir, args, result, env);
}

export interface PlannedStack {
  /** Path of the saved plan. */
  readonly planFile: string;
  /** Whether the plan changes anything (terraform plan -detailed-exitcode). */
  readonly hasChanges: boolean;
}

/** `terraform plan -out`; `destroy` plans the removal of everything. */
export function planStack(
  dir: string,
  options: TerraformOptions & { readonly destroy?: boolean; readonly planFile?: string } = {},
): PlannedStack {
  const planFile = options.planFile ?? PLAN_FILE;
  const args = ["plan", "-input=false", "-detailed-exitcode", `-out=${planFile}`];
  if (options.destroy) args.push("-destroy");
  const result = terraform(dir, args, { ...options, allowFailure: true });
  if (result.code === 1) {
    const failure = terraformFailure(dir, args, result, terraformEnvironment(options.env));
    if (
      /traffic_mode_lock has lifecycle\.prevent_destroy/.test(result.stderr.replace(/\s+/g, " "))
    ) {
      failure.message +=
        `\n\nThe traffic mode of ${path.basename(dir)} is locked (lockTrafficMode: true in the estate). ` +
        "To change it on purpose, set lockTrafficMode: false for this manager in the same change, " +
        "review the plan, apply, and lock it again.";
    }
    throw failure;
  }
  return { planFile: path.resolve(dir, planFile), hasChanges: result.code === 2 };
}

/** `terraform show -json <plan>`: the plan as data (format_version 1.x). */
export function showPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): unknown {
  return JSON.parse(terraform(dir, ["show", "-json", planFile], options).stdout);
}

export function applyPlan(
  dir: string,
  planFile: string = PLAN_FILE,
  options: TerraformOptions = {},
): void {
  terraform(dir, ["apply", "-input=false", "-auto-approve", planFile], options);
}
