import * as fs from "fs";
import * as path from "path";
import { loadEstate, validateEstate } from "../../app/load-estate";
import { KEYS } from "../../lib/contract";
import { modelResource } from "../../lib/plan-review/read-resource";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { applyPlan, initStack, planStack, showPlan } from "../../lib/terraform/stack-workflow";
import {
  analyzePlans,
  renderMarkdown,
  validatePlanDocument,
  type ChangeKind,
  type PlanDocument,
} from "../../lib/plan-review";
import { adopt } from "../../app/adopt";
import { drift } from "../../app/drift";
import { EXAMPLE_ESTATE_FILE } from "../../app/estate-file";
import { PROJECT_ROOT } from "../../app/project-root";
import type { ValidatedEstate } from "../../lib/estate/validated-estate";
import type { Demo } from "./demo";
import { describeVerifyFinding, driftExitCode } from "../../lib/verify";

/*
 * The demo's first part: the 60-second tour, offline. The example estate is applied in standard mode, one
 * NSX-V manager is switched to monitoring, and the plan and the order the hooks ran in are shown;
 * then that manager's state is forgotten and adopted back (ksv adopt), and an SVM removed by hand
 * is found (ksv drift). "NSX and KSC" are the example hooks' inventory file.
 * Everything happens in a temp folder; nothing in the repository changes.
 */

/**
 * Each hook keeps the example inventory ("NSX and KSC", examples/hooks) and logs its step and
 * context; `%s` fields come from the environment, never the text.
 */
export const INVENTORY_HOOK = `node ${JSON.stringify(path.join(PROJECT_ROOT, "examples", "hooks", "inventory-hook.js"))}`;
const LOGGING_HOOKS = {
  register: `printf '%-14s %s  mode=%s\\n' register "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" >> "$HOOK_LOG"`,
  unregister: `printf '%-14s %s  mode=%s\\n' unregister "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" >> "$HOOK_LOG"`,
  createSegment: `printf '%-14s %s\\n' createSegment "$KSV_MANAGER" >> "$HOOK_LOG"`,
  removeSegment: `printf '%-14s %s\\n' removeSegment "$KSV_MANAGER" >> "$HOOK_LOG"`,
  deploySvms: `printf '%-14s %s  mode=%s  cluster=%s  hosts=%s\\n' deploySvms "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" "$KSV_CLUSTER" "$KSV_HOSTS" >> "$HOOK_LOG"`,
  removeSvms: `printf '%-14s %s  mode=%s  cluster=%s\\n' removeSvms "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" "$KSV_CLUSTER" >> "$HOOK_LOG"`,
  createObjects: `printf '%-14s %s  mode=%s\\n' createObjects "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" >> "$HOOK_LOG"`,
  removeObjects: `printf '%-14s %s  mode=%s\\n' removeObjects "$KSV_MANAGER" "$KSV_TRAFFIC_MODE" >> "$HOOK_LOG"`,
  applyPolicy: `printf '%-14s %s\\n' applyPolicy "$KSV_MANAGER" >> "$HOOK_LOG"`,
};
const DEMO_HOOKS = {
  ...Object.fromEntries(
    Object.entries(LOGGING_HOOKS).map(([hook, log]) => [hook, `${INVENTORY_HOOK} && ${log}`]),
  ),
  verify: INVENTORY_HOOK,
  upgradeSvms: INVENTORY_HOOK,
};

const SYMBOL: Readonly<Record<ChangeKind, string>> = {
  create: "+  ",
  delete: "-  ",
  update: "~  ",
  replace: "-/+",
  "no-op": "   ",
  forget: "…  ",
};

/** One line per change; the deployments of a manager are summed up, they change together. */
function describePlan(document: PlanDocument, source: string): string[] {
  const changes = document.resource_changes.flatMap((change) => {
    const resource = modelResource(change, source);
    return resource && resource.kind !== "no-op" ? [{ address: change.address, resource }] : [];
  });
  if (changes.length === 0) return ["    no changes"];
  const lines: string[] = [];
  const svms = changes.filter((c) => c.resource.role === "service-deployment");
  for (const { address, resource } of changes.filter((c) => !svms.includes(c))) {
    const before = resource.before?.[KEYS.trafficMode];
    const after = resource.after?.[KEYS.trafficMode];
    const note =
      resource.role === "protection-service" && before && after && before !== after
        ? `traffic_mode: ${before} → ${after}`
        : "";
    lines.push(`    ${SYMBOL[resource.kind]} ${address.padEnd(34)} ${note}`);
  }
  for (const kind of new Set(svms.map((c) => c.resource.kind))) {
    const count = svms.filter((c) => c.resource.kind === kind).length;
    lines.push(
      `    ${SYMBOL[kind]} ${"deployment[...]".padEnd(34)} ${count} service deployment${count === 1 ? "" : "s"}, one per cluster (an SVM on every host)`,
    );
  }
  return lines;
}

/** Where part one leaves the NSX-V manager, for the steps after it. */
export interface NsxvSite {
  readonly estate: ValidatedEstate;
  readonly manager: string;
  readonly outdir: string;
  readonly env: Readonly<Record<string, string>>;
  /** The example hooks' file: "NSX and KSC". */
  readonly inventory: string;
}

/** Part one: the example estate with the example hooks keeping "NSX and KSC" in a file. */
export async function nsxvModeChange(demo: Demo): Promise<NsxvSite> {
  const { say, workdir } = demo;
  const outdir = path.join(workdir, "cdktf.out");
  const hookLog = path.join(workdir, "hooks.log");
  const inventory = path.join(workdir, "inventory.json");
  const env = { HOOK_LOG: hookLog, KSV_INVENTORY: inventory };
  const example = loadEstate(EXAMPLE_ESTATE_FILE).estate;
  const estate = validateEstate(
    { ...example, resourceType: "terraform_data", hooks: DEMO_HOOKS },
    "the example estate with the demo's hooks",
  );
  const nsxv = estate.managers.find((m) => m.kind === "nsx-v");
  if (!nsxv) throw new Error("the example estate has no NSX-V manager");
  const hostCount = estate.managers.reduce(
    (n, m) => n + m.clusters.reduce((k, c) => k + c.hosts.length, 0),
    0,
  );

  say(
    `1. Synthesize the example estate: ${estate.managers.length} managers, ${hostCount} hosts, terraform_data resources`,
  );
  const stacks = synthesizeEstate(estate, outdir);
  for (const stack of stacks) say(`    ${stack.file.replace(`${workdir}/`, "")}`);

  say();
  say(
    "2. Apply in standard mode: register the service, deploy the SVMs of each cluster, create the NSX objects",
  );
  for (const stack of stacks) {
    const dir = path.dirname(stack.file);
    initStack(dir, { env });
    const planned = planStack(dir, { env });
    applyPlan(dir, planned.planFile, { env });
    say(`    ${stack.name}: applied`);
  }
  fs.rmSync(hookLog, { force: true });

  say();
  say(`3. Switch ${nsxv.name} (NSX-V) to monitoring mode. The plan:`);
  const switched = validateEstate(
    {
      ...estate,
      managers: estate.managers.map((m) =>
        m.name === nsxv.name ? { ...m, trafficMode: "monitoring" } : m,
      ),
    },
    `the demo's estate with ${nsxv.name} in monitoring mode`,
  );
  synthesizeEstate(switched, outdir);
  const plans = stacks.map((stack) => {
    const dir = path.dirname(stack.file);
    const planned = planStack(dir, { env });
    const document = validatePlanDocument(showPlan(dir, planned.planFile, { env }), stack.name);
    return { stack, dir, planned, document };
  });
  for (const { stack, document } of plans) {
    say(`  ${stack.name}`);
    for (const line of describePlan(document, stack.name)) say(line);
  }
  const review = analyzePlans(
    plans.map(({ stack, document }) => ({ source: stack.name, plan: document })),
  );
  const reviewFile = path.join(workdir, "plan-review.md");
  fs.writeFileSync(reviewFile, renderMarkdown(review, { allowDisruptive: false }));
  for (const manager of review.managers.filter((m) => m.protectionGap)) {
    say(
      `  What a reviewer sees (ksv-plan-review): ${manager.name} is disruptive; protection gap of ${manager.protectionGap!.hostCount} hosts`,
    );
  }
  say(`  The whole review, as a PR comment: ${reviewFile}`);

  say();
  say(`4. Apply. The hooks ran in this order (your site's scripts would run here):`);
  for (const { dir, planned } of plans.filter((p) => p.planned.hasChanges))
    applyPlan(dir, planned.planFile, { env });
  const log = fs.readFileSync(hookLog, "utf8").split("\n").filter(Boolean);
  log.forEach((line, i) => say(`  ${String(i + 1).padStart(3)}. ${line}`));

  say();
  say("   Documented procedure: remove the component and its NSX objects (old mode), unregister,");
  say("   register with the new mode, deploy new SVMs. The threat policy was not touched.");
  say();
  say();
  say(
    "5. A site that deployed before this project: its NSX and KSC hold the deployment, Terraform",
  );
  say(`   has no state. Forget the state of ${nsxv.name}, then adopt it (ksv adopt):`);
  fs.rmSync(path.join(workdir, `terraform.${nsxv.name}.tfstate`));
  // The demo says what happened; the commands' progress lines would only repeat it.
  const quiet = { outdir, env, onProgress: () => undefined };
  await adopt(switched, { ...quiet, managers: [nsxv.name], report: (line) => say(`    ${line}`) });
  const hooksDuringAdopt = fs.existsSync(hookLog)
    ? fs.readFileSync(hookLog, "utf8").split("\n").filter(Boolean).length - log.length
    : 0;
  say(`    hooks run meanwhile: ${hooksDuringAdopt}`);

  say();
  say("6. Someone removes an SVM by hand. ksv drift compares NSX and KSC with the estate:");
  const inventoryJson = JSON.parse(fs.readFileSync(inventory, "utf8"));
  const cluster = nsxv.clusters[0];
  const removedHost = [...cluster.hosts].sort()[0];
  const deployment = inventoryJson.managers[nsxv.name].deployments[cluster.name];
  deployment.hosts = deployment.hosts.filter((h: string) => h !== removedHost);
  fs.writeFileSync(inventory, JSON.stringify(inventoryJson, null, 2));
  const report = await drift(switched, { ...quiet, managers: [nsxv.name] });
  for (const manager of report.managers) {
    for (const finding of manager.findings)
      say(`    ${manager.name}: ${describeVerifyFinding(finding)}`);
  }
  say(`    exit code of ksv drift: ${driftExitCode(report)}`);
  say();
  return { estate: switched, manager: nsxv.name, outdir, env, inventory };
}
