import * as path from "path";
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
