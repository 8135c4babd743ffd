import * as fs from "fs";
import * as path from "path";
import { stripVTControlCharacters } from "util";
import { stringify } from "yaml";
import { estateOf, nsxtManager, nsxvManager } from "../support/estates";
import { repoRoot, runProcess, tempDir } from "../support/workspace";

/*
 * What users type: `npm run synth | diff | deploy` (the installed CLI, cdktf or, after
 * npm run switch:cdktn, cdktn), offline, on a terraform_data estate. The CLI runs main.ts as
 * cdktf.json says; the estate and the output live in a temp folder.
 */

const project = tempDir("cdktf-cli");
const outdir = path.join(project, "cdktf.out");
const hookLog = path.join(project, "hooks.log");
const KSN_REASON = "Global KSN is enabled in Kaspersky Security Center";

function writeEstate(dc1TrafficMode: string): void {
  const estate = estateOf(
    [nsxvManager("dc1-nsxv", { trafficMode: dc1TrafficMode }), nsxtManager("dc2-nsxt")],
    {
      hooks: { register: 'printf "register %s\\n" "$KSV_TRAFFIC_MODE" >> "$HOOK_LOG"' },
      // dc2-nsxt has the default web categories, advertising among them (KSV-WEB-KSN).
      acknowledge: [{ rule: "KSV-WEB-KSN", manager: "dc2-nsxt", reason: KSN_REASON }],
    },
  );
  fs.writeFileSync(path.join(project, "estate.yaml"), stringify(estate));
}

/**
 * The CLI through scripts/cdktf.js (what npm run synth | diff | deploy run), with the version
 * check left on and the machine's missing Terraform configuration: the launcher quiets both.
 */
async function cdktf(...args: string[]): Promise<{ code: number; output: string }> {
  const run = await runProcess(
    process.execPath,
    [path.join(repoRoot, "scripts", "cdktf.js"), ...args, "--output", outdir],
    {
      env: {
        KSV_ESTATE: path.join(project, "estate.yaml"),
        HOOK_LOG: hookLog,
        CHECKPOINT_DISABLE: undefined,
        TF_CLI_CONFIG_FILE: path.join(project, "no-such-terraformrc"),
        FORCE_COLOR: "0",
      },
    },
  );
  // the CLI draws progress with terminal escapes; keep the words
  const output = stripVTControlCharacters(`${run.stdout}${run.stderr}`);
  return { code: run.code, output };
}

describe("the cdktf CLI on a terraform_data estate, offline", () => {
  test("synth writes one stack per manager", async () => {
    writeEstate("standard");
    const run = await cdktf("synth");
    expect(run.output).toContain("Generated Terraform code for the stacks: dc1-nsxv, dc2-nsxt");
    expect(run.code).toBe(0);
    // The acknowledged warning is shown as such, with its reason, and not as a warning; the
    // same warning of the manager it does not name stays a warning.
    expect(run.output).toContain(
      `INFO [dc2-nsxt/protection]: acknowledged: policy.webAddresses.categories: KSV-WEB-KSN (reason: ${KSN_REASON})`,
    );
    expect(run.output).not.toMatch(/WARN \[dc2-nsxt[^\n]*KSV-WEB-KSN/);
    expect(run.output).toMatch(/WARN \[dc1-nsxv\/protection\]: [^\n]*KSV-WEB-KSN/);
    // Offline and without a Terraform configuration, yet no error: no version check, no warning.
    expect(run.output).not.toContain("[ERROR]");
    expect(run.output).not.toContain("checkpoint-api.hashicorp.com");
    expect(fs.existsSync(path.join(outdir, "stacks", "dc1-nsxv", "cdk.tf.json"))).toBe(true);
  });

  test("deploy applies a stack and runs its hooks; then diff shows no changes", async () => {
    const deploy = await cdktf("deploy", "dc1-nsxv", "--auto-approve");
    expect(deploy.output).toContain("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.");
    expect(deploy.code).toBe(0);
    expect(fs.readFileSync(hookLog, "utf8")).toBe("register standard\n");
    expect(fs.existsSync(path.join(project, "terraform.dc1-nsxv.tfstate"))).toBe(true);

    const diff = await cdktf("diff", "dc1-nsxv");
    expect(diff.output).toContain("No changes. Your infrastructure matches the configuration.");
    expect(diff.code).toBe(0);
  });

  test("diff after a mode change shows the replacement of the service, the deployments and the NSX objects", async () => {
    writeEstate("monitoring");
    const diff = await cdktf("diff", "dc1-nsxv");
    // the CLI names each resource with its construct path: "terraform_data.service (protection/...)";
    // the identity of the registration changes, and the registration follows it
    expect(diff.output).toMatch(/terraform_data\.service_identity \([^)]*\) must be replaced/);
    expect(diff.output).toMatch(
      /terraform_data\.service \([^)]*\) will be replaced due to changes in replace_triggered_by/,
    );
    expect(diff.output).toMatch(
      /terraform_data\.deployment \([^)]*\)\["prod-a"\] will be replaced due to changes in replace_triggered_by/,
    );
    expect(diff.output).toContain("Plan: 5 to add, 0 to change, 5 to destroy.");
    // the monitoring warning arrives once, as a warning
    expect(diff.output).toContain(
      "WARN [dc1-nsxv/protection]: manager dc1-nsxv runs in monitoring mode",
    );
    expect(diff.output).not.toContain("[ERROR]");
    expect(diff.code).toBe(0);
  });
});
