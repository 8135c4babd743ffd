import { App, TerraformLocal, TerraformStack, TerraformVariable } from "cdktf";
import * as path from "path";
import { NetworkThreatProtection } from "../../lib/constructs/network-threat-protection";
import { loadEstate } from "../../app/load-estate";
import { synthesizeEstate } from "../../app/synthesize-estate";
import { terraform } from "../../lib/terraform/terraform-cli";
import { estateOf, nsxtManager, nsxvManager, validEstate } from "../support/estates";
import { repoRoot, tempDir } from "../support/workspace";
import { LIFECYCLE_HOOKS } from "../../lib/contract";

/** `terraform validate` of every stack: what Terraform itself thinks of our JSON. */
function validateAll(stacks: Array<{ name: string; file: string }>): Record<string, unknown> {
  return Object.fromEntries(
    stacks.map(({ name, file }) => {
      const dir = path.dirname(file);
      terraform(dir, ["init", "-backend=false", "-input=false"]);
      const result = terraform(dir, ["validate", "-json"], { allowFailure: true });
      const report = JSON.parse(result.stdout) as {
        valid: boolean;
        diagnostics: Array<{ summary: string; detail: string }>;
      };
      return [
        name,
        report.valid ? "valid" : report.diagnostics.map((d) => `${d.summary}: ${d.detail}`),
      ];
    }),
  );
}

describe("terraform validate on synthesized terraform_data stacks", () => {
  test("the example estate", () => {
    const out = path.join(tempDir("validate-example"), "cdktf.out");
    const stacks = synthesizeEstate(
      loadEstate(path.join(repoRoot, "stacks", "example-estate.yaml")).estate,
      out,
    );
    expect(validateAll(stacks)).toEqual({ "dc1-nsxv": "valid", "dc2-nsxt": "valid" });
  });

  test("every feature at once: all hooks (with template-looking text), traffic mode lock, pg backend", () => {
    const hooks = Object.fromEntries(
      LIFECYCLE_HOOKS.map((h) => [h, `echo "${h} \${KSV_HOST:-none} %{literal}" >> "$HOOK_LOG"`]),
    );
    const estate = estateOf(
      [
        nsxvManager("dc1-nsxv", { trafficMode: "monitoring", lockTrafficMode: true }),
        nsxtManager("dc2-nsxt"),
      ],
      { hooks, backend: { type: "pg", schemaName: "ksv" } },
    );
    const out = path.join(tempDir("validate-all"), "cdktf.out");
    const stacks = synthesizeEstate(validEstate(estate), out);
    expect(validateAll(stacks)).toEqual({ "dc1-nsxv": "valid", "dc2-nsxt": "valid" });
  });
});

describe("terraform validate on a library user's stack with tokens", () => {
  test("variables for the KSC address and port and the image URL, a local for a datastore", () => {
    const outdir = path.join(tempDir("validate-tokens"), "cdktf.out");
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "site");
    const kscAddress = new TerraformVariable(stack, "ksc_address", { type: "string" });
    const kscPort = new TerraformVariable(stack, "ksc_port", { type: "number", default: 13000 });
    const image = new TerraformVariable(stack, "svm_image_url", { type: "string" });
    const datastore = new TerraformLocal(stack, "datastore", "vsan-prod-a");
    new NetworkThreatProtection(stack, "protection", {
      name: "dc1-nsxv",
      kind: "nsx-v",
      address: "nsx.example.local",
      svmImageUrl: image.stringValue,
      ksc: { address: kscAddress.stringValue, port: kscPort.numberValue },
      clusters: [
        { name: "c1", datastore: datastore.asString, network: "net1", hosts: ["esx1.local"] },
      ],
      resourceType: "terraform_data",
      hooks: Object.fromEntries(LIFECYCLE_HOOKS.map((h) => [h, `echo ${h}`])),
    });
    app.synth();
    const file = path.join(outdir, "stacks", "site", "cdk.tf.json");
    expect(validateAll([{ name: "site", file }])).toEqual({ site: "valid" });

    // And a plan reads the values: the hooks and the review get them, not the references.
    const dir = path.dirname(file);
    const vars = ["-var", "ksc_address=ksc.site.local", "-var", "svm_image_url=https://r/i.ovf"];
    terraform(dir, ["init", "-input=false", "-reconfigure"]);
    terraform(dir, ["plan", "-input=false", "-lock=false", "-out=plan", ...vars]);
    const plan = JSON.parse(terraform(dir, ["show", "-json", "plan"]).stdout) as {
      resource_changes: Array<{ address: string; change: { after: Record<string, unknown> } }>;
    };
    const after = (address: string) =>
      plan.resource_changes.find((c) => c.address === address)?.change.after.triggers_replace;
    expect(after("terraform_data.service")).toMatchObject({
      ksc_address: "ksc.site.local",
      ksc_port: "13000",
      svm_image_url: "https://r/i.ovf",
    });
    expect(after('terraform_data.deployment["c1"]')).toMatchObject({ datastore: "vsan-prod-a" });
  });
});
