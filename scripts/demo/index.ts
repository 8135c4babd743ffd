import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../lib/cli/run-command";
import { checkTerraform } from "../../lib/terraform/terraform-cli";
import type { Demo } from "./demo";
import { nsxtOnSimulator } from "./nsxt-on-simulator";
import { nsxvDiscover } from "./nsxv-discover";
import { nsxvModeChange } from "./nsxv-mode-change";
import { nsxvRollout } from "./nsxv-rollout";

/*
 * npm run demo: a tour without network, in a temp folder (nothing in the repository changes).
 * Part one, the example hooks keeping a file: an NSX-V traffic-mode change, its review and the
 * order the hooks ran in, adopting a deployment and finding drift, discovering a new host, rolling
 * an upgrade out in waves. Part two, the NSX-T reference
 * hooks against the NSX-T simulator: a deployment from scratch, an upgrade in place, drift.
 */

void runCommand("ksv demo", async () => {
  const started = Date.now();
  const terraformVersion = checkTerraform();
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), "ksv-demo-"));
  const demo: Demo = { workdir, say: (line = "") => process.stdout.write(`${line}\n`) };
  demo.say(
    `ksv demo: Kaspersky Network Threat Protection on NSX, as code (terraform ${terraformVersion}, offline)`,
  );
  demo.say(`working in ${workdir}`);
  demo.say();
  const nsxv = await nsxvModeChange(demo);
  await nsxvDiscover(demo);
  demo.say();
  await nsxvRollout(demo, nsxv);
  demo.say();
  await nsxtOnSimulator({ ...demo, workdir: path.join(workdir, "nsxt") });
  demo.say();
  demo.say(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. State, plans and the hook log are in ${workdir}.`,
  );
});
