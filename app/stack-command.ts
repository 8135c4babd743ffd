import type { Estate } from "../lib/estate/schema";
import { checkTerraform } from "../lib/terraform/terraform-cli";
import { UserError } from "../lib/user-error";
import { planStacks, type StackPlan } from "./plan-stacks";
import { stackProgress } from "./progress";
import { synthesizeEstate } from "./synthesize-estate";

/* What ksv adopt and ksv drift share: the managers asked for, their stacks planned. */

export interface StackCommandOptions {
  /** @default $CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** Added to the environment of terraform and of the hooks. @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default DEFAULT_VERIFY_TIMEOUT_SECONDS */
  readonly verifyTimeoutSeconds?: number;
  /** Stacks planned at once. @default the number of cores */
  readonly concurrency?: number;
}

/** The estate's verify hook; these commands cannot look at NSX or KSC without it. */
export function requireVerifyHook(estate: Estate, command: string): string {
  const verify = estate.hooks.verify;
  if (!verify) {
    throw new UserError(
      `the estate has no hooks.verify: ${command} asks that command what exists in NSX Manager and Kaspersky Security Center (README: the verify hook; examples/hooks/ has an example)`,
    );
  }
  return verify;
}

/** The managers named (all of them for "all"); an unknown name is an error naming the known. */
export function selectManagers(estate: Estate, names: readonly string[] | "all"): string[] {
  const known = estate.managers.map((m) => m.name);
  if (names === "all") return known;
  if (names.length === 0) {
    throw new UserError(`name the managers (${known.join(", ")}), or give --all`);
  }
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UserError(
      `${unknown.map((n) => JSON.stringify(n)).join(", ")} ${unknown.length === 1 ? "is not a manager" : "are not managers"} of the estate (${known.join(", ")})`,
    );
  }
  return [...new Set(names)];
}

/** Synthesizes the estate and plans the stacks of the managers named. */
export async function planSelectedStacks(
  estate: Estate,
  names: readonly string[] | "all",
  command: string,
  options: StackCommandOptions,
): Promise<StackPlan[]> {
  checkTerraform({ env: options.env });
  const selected = selectManagers(estate, names);
  const outdir = options.outdir ?? (process.env.CDKTF_OUTDIR || "cdktf.out");
  const stacks = synthesizeEstate(estate, outdir).filter((s) => selected.includes(s.name));
  return planStacks(stacks, {
    env: options.env,
    concurrency: options.concurrency,
    onProgress: stackProgress(command, "planned"),
  });
}
