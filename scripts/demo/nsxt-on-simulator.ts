import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { drift } from "../../app/drift";
import { EXAMPLE_ESTATE_FILE } from "../../app/estate-file";
import { loadEstate, validateEstate } from "../../app/load-estate";
import { PROJECT_ROOT } from "../../app/project-root";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { LIFECYCLE_HOOKS } from "../../lib/contract";
import { analyzePlans, validatePlanDocument } from "../../lib/plan-review";
import { applyPlan, initStack, planStack, showPlan } from "../../lib/terraform/stack-workflow";
import { describeVerifyFinding } from "../../lib/verify";
import { startSimulatorProcess } from "../../simulator/nsxt";
import type { Demo } from "./demo";

/*
 * The demo's second part: the NSX-T reference hooks (ksv-nsxt-hook) under terraform, against
 * ksv-nsxt-simulator, a stand-in for NSX-T Manager written from VMware's published API reference.
 * What exists is read back through the simulator's API, as from a real NSX Manager.
 */

const node = (file: string) => `node ${JSON.stringify(path.join(PROJECT_ROOT, file))}`;
const NSXT_HOOK = node("bin/ksv-nsxt-hook.js");
/** The threat policy is Kaspersky Security Center's: a site's KSC script; here the example hook. */
const KSC_SCRIPT = node("examples/hooks/inventory-hook.js");

/* eslint-disable @typescript-eslint/no-explicit-any -- NSX's JSON, read field by field */
type Json = any;

export async function nsxtOnSimulator(demo: Demo): Promise<void> {
  const { say, workdir } = demo;
  fs.mkdirSync(workdir, { recursive: true });
  const example = loadEstate(EXAMPLE_ESTATE_FILE).estate;
  const nsxt = example.managers.find((m) => m.kind === "nsx-t");
  if (!nsxt) throw new Error("the example estate has no NSX-T manager");
  const nextImage = nsxt.svmImageUrl.replace(/\.ovf$/i, "-next.ovf");
  const user = "ksv-demo";
  const password = randomBytes(9).toString("base64url");
  const inventoryFile = path.join(workdir, "vcenter-inventory.json");
  fs.writeFileSync(
    inventoryFile,
    JSON.stringify({
      computeManagers: [
        {
          name: "vc-dc2",
          clusters: nsxt.clusters.map((c) => ({
            name: c.name,
            hosts: c.hosts,
            datastores: [c.datastore],
            networks: [c.network],
          })),
        },
      ],
    }),
  );
  const simulator = await startSimulatorProcess([
    ...["--user", user, "--password", password, "--inventory", inventoryFile],
    ...[
      "--partner-service",
      "Kaspersky Network Protection",
      "--partner-vendor-template",
      "ksv-ntp",
    ],
    ...["--partner-ovf", `ntp=${nsxt.svmImageUrl}`, "--partner-ovf", `ntp-next=${nextImage}`],
    ...["--deploy-ms", "800"],
  ]);
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  const nsx = async (method: string, apiPath: string): Promise<Json> => {
    const response = await fetch(`${simulator.url}${apiPath}`, {
      method,
      headers: { Authorization: auth },
    });
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  };
  const env = {
    NSX_MANAGER_URL: simulator.url,
    NSX_USERNAME: user,
    NSX_PASSWORD: password,
    VCENTER_URL: simulator.url,
    VCENTER_USERNAME: user,
    VCENTER_PASSWORD: password,
    KSV_INVENTORY: path.join(workdir, "ksc.json"),
  };
  const estateWith = (svmImageUrl: string) =>
    validateEstate(
      {
        ...example,
        resourceType: "terraform_data",
        hooks: {
          ...Object.fromEntries(LIFECYCLE_HOOKS.map((hook) => [hook, NSXT_HOOK])),
          applyPolicy: KSC_SCRIPT,
          verify: `if [ "$KSV_ROLE" = threat-policy ]; then ${KSC_SCRIPT}; else ${NSXT_HOOK}; fi`,
        },
        managers: [
          {
            ...nsxt,
            svmImageUrl,
            introspection: {
              failurePolicy: "block",
              groups: [{ name: "web", members: [{ tag: "web" }, { vmNameStartsWith: "web-" }] }],
              rules: [
                {
                  name: "protect-web",
                  sources: ["any"],
                  destinations: ["web"],
                  action: "redirect",
                },
              ],
            },
          },
        ],
      },
      "the example's NSX-T manager with the reference hooks",
    );
  const outdir = path.join(workdir, "cdktf.out");
  try {
    say(
      "7. NSX-T with the reference hooks (ksv-nsxt-hook) against ksv-nsxt-simulator, a stand-in for NSX-T",
    );
    say(
      "   Manager written from VMware's published API reference. Apply, then ask NSX what exists:",
    );
    const [stack] = synthesizeEstate(estateWith(nsxt.svmImageUrl), outdir);
    const dir = path.dirname(stack.file);
    initStack(dir, { env });
    applyPlan(dir, planStack(dir, { env }).planFile, { env });
    const [service] = (await nsx("GET", "/api/v1/serviceinsertion/services")).results;
    const deploymentsPath = `/api/v1/serviceinsertion/services/${service.id}/service-deployments`;
    const deployments = async (): Promise<Json[]> => (await nsx("GET", deploymentsPath)).results;
    const segments = (await nsx("GET", "/policy/api/v1/infra/segments/service-segments")).results;
    say(`    service segment ${segments.map((s: Json) => s.id).join(", ")}`);
    for (const d of await deployments()) {
      const status = await nsx("GET", `${deploymentsPath}/${d.id}/status`);
      say(
        `    service deployment ${d.display_name}: ${status.deployment_status}, spec ${d.deployment_spec_name}`,
      );
    }
    const [chain] = (await nsx("GET", "/policy/api/v1/infra/service-chains")).results;
    say(`    service chain ${chain.id}: failure_policy ${chain.failure_policy}`);
    const [policy] = (await nsx("GET", "/policy/api/v1/infra/domains/default/redirection-policies"))
      .results;
    say(`    redirection policy ${policy.id}, redirecting to ${policy.redirect_to}`);

    say();
    say("8. A new SVM image: what the review says, then the upgrade in place (upgradeSvms):");
    synthesizeEstate(estateWith(nextImage), outdir);
    const planned = planStack(dir, { env });
    const review = analyzePlans([
      {
        source: stack.name,
        plan: validatePlanDocument(showPlan(dir, planned.planFile, { env }), stack.name),
      },
    ]);
    const gap = review.managers[0].protectionGap;
    say(
      `    review: ${review.disruptive ? "disruptive" : "not disruptive"}; protection gap ${gap?.hostCount ?? 0} hosts, effect ${gap?.effect ?? "none"} (failure policy block: redirected VMs lose their traffic while their SVM is redeployed)`,
    );
    const before = (await deployments()).map((d) => `${d.id} ${d.deployment_spec_name}`);
    applyPlan(dir, planned.planFile, { env });
    const after = (await deployments()).map((d) => `${d.id} ${d.deployment_spec_name}`);
    say(`    deployments before: ${before.join("; ")}`);
    say(`    deployments after:  ${after.join("; ")} (same ids: upgraded, not redeployed)`);

    say();
    say("9. Someone deletes a service deployment in NSX. ksv drift:");
    const [first] = await deployments();
    await nsx("DELETE", `${deploymentsPath}/${first.id}`);
    for (let i = 0; i < 100 && (await deployments()).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = await drift(estateWith(nextImage), {
      outdir,
      env,
      managers: [stack.name],
      onProgress: () => undefined,
    });
    for (const manager of report.managers) {
      for (const finding of manager.findings) {
        say(`    ${manager.name}: ${describeVerifyFinding(finding)}`);
      }
    }
  } finally {
    await simulator.close();
  }
}
