import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { UserError } from "../lib/user-error";
import { verifyStack, type StackVerification, type VerifySide } from "../lib/verify";
import type { PlanStacksOptions, StackPlan } from "./plan-stacks";

/* What ksv adopt and ksv drift share: the verify hook, the managers asked for, their plans verified. */

export interface StackCommandOptions {
  /** @default $CDKTF_OUTDIR or cdktf.out */
  readonly outdir?: string;
  /** Added to the environment of terraform and of the hooks. @default - none */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default DEFAULT_VERIFY_TIMEOUT_SECONDS */
  readonly verifyTimeoutSeconds?: number;
  /** Stacks planned at once. @default the number of cores */
  readonly concurrency?: number;
  /** Told as each stack's planning starts and ends. @default - a line per stack on stderr */
  readonly onProgress?: PlanStacksOptions["onProgress"];
}

/** The estate's verify hook; these commands cannot look at NSX or KSC without it. */
export function requireVerifyHook(estate: ValidatedEstate, command: string): string {
  const verify = estate.hooks.verify;
  if (!verify) {
    throw new UserError(
      `the estate has no hooks.verify: ${command} asks that command what exists in NSX Manager and Kaspersky Security Center (README: the verify hook; examples/hooks/ has an example)`,
    );
  }
  return verify;
}

/** The managers named (all of them for "all"); an unknown name is an error naming the known. */
export function selectManagers(
  estate: ValidatedEstate,
  names: readonly string[] | "all",
): string[] {
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

/** The verify hook run for every resource of a planned stack, compared (lib/verify). */
export function verifyPlan(
  plan: StackPlan,
  side: VerifySide,
  verify: string,
  options: StackCommandOptions,
): Promise<StackVerification> {
  return verifyStack(plan.document, plan.name, side, {
    command: verify,
    manager: plan.name,
    timeoutSeconds: options.verifyTimeoutSeconds,
    env: options.env,
  });
}
