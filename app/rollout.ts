import * as path from "path";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { analyzePlans, type PlanDocument } from "../lib/plan-review";
import {
  changesNotReviewed,
  describeWave,
  planWaves,
  reviewedKinds,
  verifyWave,
  type Wave,
} from "../lib/rollout";
import { applyPlan, planStack, showPlan } from "../lib/terraform/stack-workflow";
import { checkTerraform, type TerraformOptions } from "../lib/terraform/terraform-cli";
import { plural } from "../lib/text";
import { UserError } from "../lib/user-error";
import { describeVerifyFinding, type VerifyOptions } from "../lib/verify";
import { outdirFromEnvironment } from "./estate-file";
import { initWithReviewedProviders, reviewedPlanRefusal } from "./reviewed-plan";
import { PLANS_FOLDER, savedPlanFiles } from "./saved-plans";
import { requireVerifyHook, selectManagers, type StackCommandOptions } from "./stack-command";
import { synthesizeEstate } from "./synthesize-estate";

/*
 * ksv rollout: the reviewed change of one manager applied in waves of whole clusters, at most N
 * hosts without an SVM at once. Each wave is planned with -target (Terraform applies a saved plan
 * whole or not at all), checked against the reviewed plan, applied, and verified through the
 * verify hook; a wave NSX does not confirm stops the rollout. Nothing records progress but what
 * runs: a re-run plans each wave again, skips the waves whose change is applied and verified,
 * applies again a wave applied but not verified, and goes on.
 */

export const ROLLOUT_COMMAND = "ksv rollout";
const WAVE_PLAN = "ksv-rollout.tfplan";

export interface RolloutOptions extends StackCommandOptions {
  readonly manager: string;
  readonly maxUnprotectedHosts: number;
  /** Told what happens, a line at a time. @default - lines on stderr */
  readonly onProgress?: (line: string) => void;
}

export type WaveOutcome = "applied" | "applied again" | "already done";

export interface WaveRun {
  readonly wave: Wave;
  readonly outcome: WaveOutcome;
  /** Planning, checking and applying (the hooks run in the apply). */
  readonly applySeconds: number;
  readonly verifySeconds: number;
}

export interface RolloutResult {
  readonly manager: string;
  readonly waves: readonly Wave[];
  readonly done: readonly WaveRun[];
  /** The wave that was not verified, and what NSX said (or why it could not be asked). */
  readonly stopped?: { readonly wave: Wave; readonly reasons: readonly string[] };
  /** The reviewed changes outside the waves (policy, rules, new clusters), applied at the end. */
  readonly restApplied: boolean;
}

interface Context {
  readonly dir: string;
  readonly name: string;
  readonly reviewed: PlanDocument;
  readonly terraform: TerraformOptions;
  readonly verify: VerifyOptions;
  readonly say: (line: string) => void;
}

/** Plans (targeted or whole), refuses what was not reviewed, applies; whether it changed anything. */
function applyReviewedPart(
  context: Context,
  what: string,
  targeting: { targets?: readonly string[]; replace?: readonly string[] },
): boolean {
  const planned = planStack(context.dir, {
    ...context.terraform,
    ...targeting,
    planFile: WAVE_PLAN,
  });
  if (!planned.hasChanges) return false;
  const plan = showPlan(context.dir, WAVE_PLAN, context.terraform) as PlanDocument;
  const extra = changesNotReviewed(context.reviewed, plan);
  if (extra.length > 0) {
    throw new UserError(
      `${context.name}: ${what} was not applied: its plan holds what the reviewed plan does not:\n  ${extra.join("\n  ")}\nThe state changed since the review (outside this rollout?): review the stack again`,
    );
  }
  applyPlan(context.dir, WAVE_PLAN, context.terraform);
  return true;
}

/** The reasons a wave is not done: what NSX says differs, or why it could not be asked. */
async function waveProblems(context: Context, wave: Wave): Promise<string[]> {
  try {
    const findings = await verifyWave(context.reviewed, context.name, wave, context.verify);
    return findings.map((finding) => describeVerifyFinding(finding));
  } catch (error) {
    if (error instanceof UserError) return [error.message];
    throw error;
  }
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function runWave(
  context: Context,
  wave: Wave,
  total: number,
): Promise<WaveRun | { stopped: string[] }> {
  const label = `wave ${wave.number}/${total}: ${describeWave(wave)}`;
  let started = process.hrtime.bigint();
  let outcome: WaveOutcome = "applied";
  if (!applyReviewedPart(context, label, { targets: wave.addresses })) {
    // Applied by an earlier run: done if NSX says so, else applied again.
    const verifyStarted = process.hrtime.bigint();
    const before = await waveProblems(context, wave);
    if (before.length === 0) {
      context.say(`${label}: already applied and verified`);
      return {
        wave,
        outcome: "already done",
        applySeconds: 0,
        verifySeconds: seconds(verifyStarted),
      };
    }
    const kinds = reviewedKinds(context.reviewed);
    const replace = wave.addresses.filter((address) => kinds.get(address) === "replace");
    context.say(`${label}: applied before but not verified; applying it again`);
    started = process.hrtime.bigint();
    applyReviewedPart(context, label, { targets: wave.addresses, replace });
    outcome = "applied again";
  }
  const applySeconds = seconds(started);
  const verifyStarted = process.hrtime.bigint();
  const problems = await waveProblems(context, wave);
  if (problems.length > 0) return { stopped: problems };
  const run = { wave, outcome, applySeconds, verifySeconds: seconds(verifyStarted) };
  context.say(
    `${label}: ${outcome} in ${applySeconds.toFixed(1)} s, verified in ${run.verifySeconds.toFixed(1)} s`,
  );
  return run;
}

/**
 * Rolls out the reviewed plan of one manager in waves. Refuses (UserError, nothing applied) a
 * missing or outdated reviewed plan and a change the waves cannot bound; stops (result.stopped)
 * at the first wave not verified.
 */
export async function rollout(
  estate: ValidatedEstate,
  options: RolloutOptions,
): Promise<RolloutResult> {
  const verify = requireVerifyHook(estate, ROLLOUT_COMMAND);
  const [name] = selectManagers(estate, [options.manager]);
  const terraform: TerraformOptions = { env: options.env };
  checkTerraform(terraform);
  const outdir = options.outdir ?? outdirFromEnvironment();
  const plansDir = path.join(outdir, PLANS_FOLDER);
  const [stack] = synthesizeEstate(estate, outdir, { managers: [name] });
  const refused = reviewedPlanRefusal(stack, plansDir);
  if (refused) throw new UserError(`nothing applied: ${refused}`);
  const dir = path.dirname(stack.file);
  initWithReviewedProviders(stack, plansDir, terraform);
  const savedPlan = path.resolve(savedPlanFiles(plansDir, name).plan);
  const reviewed = showPlan(dir, savedPlan, terraform) as PlanDocument;
  const review = analyzePlans([{ source: name, plan: reviewed }]).managers.find(
    (m) => m.name === name,
  );
  const planned = review ? planWaves(review, reviewed, name, options.maxUnprotectedHosts) : null;
  if (planned && !planned.ok) {
    throw new UserError(`nothing applied: ${name}: ${planned.refusals.join("; ")}`);
  }
  const waves = planned?.waves ?? [];
  const say =
    options.onProgress ??
    ((line) => process.stderr.write(`${ROLLOUT_COMMAND}: ${name}: ${line}\n`));
  say(
    waves.length === 0
      ? "the reviewed change leaves no host without an SVM: applied in one step"
      : `${plural(waves.length, "wave", "waves")} of at most ${plural(options.maxUnprotectedHosts, "host", "hosts")}: ${waves.map((w) => `${w.number}) ${describeWave(w)}`).join(" ")}`,
  );
  const context: Context = {
    dir,
    name,
    reviewed,
    terraform,
    verify: {
      command: verify,
      manager: name,
      timeoutSeconds: options.verifyTimeoutSeconds,
      env: options.env,
    },
    say,
  };
  const done: WaveRun[] = [];
  for (const wave of waves) {
    const run = await runWave(context, wave, waves.length);
    if ("stopped" in run)
      return {
        manager: name,
        waves,
        done,
        stopped: { wave, reasons: run.stopped },
        restApplied: false,
      };
    done.push(run);
  }
  const restApplied = applyReviewedPart(context, "the rest of the reviewed change", {});
  if (restApplied) say("the rest of the reviewed change applied");
  return { manager: name, waves, done, restApplied };
}

/** What the operator reads at the end: what is done, what is not, and what to do. */
export function describeRollout(result: RolloutResult, maxUnprotectedHosts: number): string {
  const lines: string[] = [];
  const waves = (list: readonly Wave[]) =>
    list.map((w) => `wave ${w.number} (${describeWave(w)})`).join(", ") || "none";
  if (result.stopped) {
    const { wave, reasons } = result.stopped;
    const notDone = result.waves.filter((w) => w.number >= wave.number);
    lines.push(
      `${ROLLOUT_COMMAND}: ${result.manager}: stopped: wave ${wave.number} is applied but NSX does not confirm it:`,
      ...reasons.map((reason) => `  - ${reason}`),
      `  done: ${waves(result.done.map((r) => r.wave))}`,
      `  not done: ${waves(notDone)}`,
      `  Once the cause is fixed, run ${ROLLOUT_COMMAND} ${result.manager} --max-unprotected-hosts ${maxUnprotectedHosts} again: it goes on with wave ${wave.number} (applied again).`,
    );
  } else {
    lines.push(
      `${ROLLOUT_COMMAND}: ${result.manager}: done: ${plural(result.waves.length, "wave", "waves")} applied and verified${result.restApplied ? ", then the rest of the reviewed change" : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
