import * as fs from "fs";
import * as path from "path";
import { validateEstate } from "../../app/load-estate";
import { planStacks } from "../../app/plan-stacks";
import { describeRollout, rollout } from "../../app/rollout";
import { PLANS_FOLDER, savePlan } from "../../app/saved-plans";
import { synthesizeEstate } from "../../app/synthesize-estate";
import type { Demo } from "./demo";
import type { NsxvSite } from "./nsxv-mode-change";

/*
 * The NSX-V part's rollout: a new SVM image for the NSX-V manager, reviewed (its plan saved), then
 * rolled out with ksv rollout in waves of at most 3 hosts. The first run meets an upgrade that
 * does not happen (the example hooks' KSV_EXAMPLE_BROKEN_UPGRADE) and stops; the second goes on.
 */

const NEW_IMAGE = "https://repo.example.local/ksv/ntp-svm-next.ovf";
const MAX_UNPROTECTED_HOSTS = 3;

export async function nsxvRollout(demo: Demo, site: NsxvSite): Promise<void> {
  const { say } = demo;
  // NSX puts back the SVM removed by hand in step 6: the drift is over.
  const inventory = JSON.parse(fs.readFileSync(site.inventory, "utf8"));
  const nsxv = site.estate.managers.find((m) => m.name === site.manager)!;
  for (const cluster of nsxv.clusters) {
    inventory.managers[nsxv.name].deployments[cluster.name].hosts = [...cluster.hosts];
  }
  fs.writeFileSync(site.inventory, JSON.stringify(inventory, null, 2));

  const upgraded = validateEstate(
    {
      ...site.estate,
      managers: site.estate.managers.map((m) =>
        m.name === nsxv.name ? { ...m, svmImageUrl: NEW_IMAGE } : m,
      ),
    },
    `the demo's estate with a new SVM image for ${nsxv.name}`,
  );
  const stacks = synthesizeEstate(upgraded, site.outdir, { managers: [nsxv.name] });
  const [plan] = await planStacks(stacks, { env: site.env, onProgress: () => undefined });
  savePlan(path.join(site.outdir, PLANS_FOLDER), plan);
  say(
    `6c. A new SVM image for ${nsxv.name}, reviewed (npm run plan-review saves the plan), rolled out with`,
  );
  say(
    `    ksv rollout ${nsxv.name} --max-unprotected-hosts ${MAX_UNPROTECTED_HOSTS}, one cluster's upgrade failing:`,
  );
  const options = {
    manager: nsxv.name,
    maxUnprotectedHosts: MAX_UNPROTECTED_HOSTS,
    outdir: site.outdir,
    onProgress: (line: string) => say(`      ${line}`),
  };
  const broken = nsxv.clusters[nsxv.clusters.length - 1].name;
  const stopped = await rollout(upgraded, {
    ...options,
    env: { ...site.env, KSV_EXAMPLE_BROKEN_UPGRADE: broken },
  });
  for (const line of describeRollout(stopped, MAX_UNPROTECTED_HOSTS).trimEnd().split("\n")) {
    say(`    ${line}`);
  }
  say(`    The upgrade of ${broken} is fixed; the same command again:`);
  const resumed = await rollout(upgraded, { ...options, env: site.env });
  say(`    ${describeRollout(resumed, MAX_UNPROTECTED_HOSTS).trimEnd()}`);
}
