import * as fs from "fs";
import * as path from "path";
import { loadEstate } from "../../app/load-estate";
import { sitePackageJson, type PackageManifest } from "../../app/site-package-json";
import { scaffoldSite } from "../../app/site-scaffold";
import { UserError } from "../../lib/user-error";
import { snapshotTree, tempDir } from "../support/workspace";

/*
 * `ksv init` in this process: what a site finds in its new repository. The installed package's
 * scaffold (npm install, npm run synth) is test/e2e/package.test.ts.
 */

describe("the scaffold's estate.yaml", () => {
  const site = tempDir("site");
  scaffoldSite(site);
  const loaded = loadEstate(path.join(site, "estate.yaml"));

  test("is valid as written, without warnings: one NSX-V and one NSX-T manager to edit", () => {
    expect(loaded.estate.managers.map((m) => m.kind)).toEqual(["nsx-v", "nsx-t"]);
    expect(loaded.warnings.map((w) => `${w.estatePath}: ${w.message}`)).toEqual([]);
  });

  test("deploys without a provider download (terraform_data)", () => {
    expect(loaded.estate.resourceType).toBe("terraform_data");
  });
});

describe("the scaffold's package.json", () => {
  const cdktf: PackageManifest = {
    name: "ksv-ntp-cdktf",
    version: "1.2.3",
    dependencies: { cdktf: "0.21.0", constructs: "^10.8.1" },
    devDependencies: { "cdktf-cli": "^0.21.0" },
  };
  const cdktn: PackageManifest = {
    ...cdktf,
    dependencies: { cdktf: "npm:cdktn@0.24.0", constructs: "~10.7.2" },
    devDependencies: { "cdktn-cli": "0.24.0" },
    overrides: { "@cdktf/provider-null": { cdktf: "$cdktf" } },
  };

  test("depends on this version and on its constructs (one copy beside cdktf), runs synth without the CLI", () => {
    const site = JSON.parse(sitePackageJson("Site A", cdktf));
    expect(site.name).toBe("site-a");
    expect(site.dependencies).toEqual({ "ksv-ntp-cdktf": "^1.2.3", constructs: "^10.8.1" });
    expect(site.devDependencies).toEqual({ "cdktf-cli": "^0.21.0" });
    expect(site.scripts).toEqual({
      synth: "node main.js",
      diff: "cdktf diff",
      deploy: "cdktf deploy",
      "plan-review": "ksv plan-review",
    });
    expect(site.overrides).toBeUndefined();
  });

  test("after npm run switch:cdktn: CDK Terrain's CLI, and the overrides npm reads only at the root", () => {
    const site = JSON.parse(sitePackageJson("site", cdktn));
    expect(site.devDependencies).toEqual({ "cdktn-cli": "0.24.0" });
    expect(site.scripts.deploy).toBe("cdktn deploy");
    expect(site.dependencies.constructs).toBe("~10.7.2");
    expect(site.overrides).toEqual({ "@cdktf/provider-null": { cdktf: "npm:cdktn@0.24.0" } });
  });
});

describe("ksv init refuses to overwrite", () => {
  test("a folder holding one of its files: a UserError naming it, nothing written", () => {
    const site = tempDir("taken");
    fs.mkdirSync(path.join(site, ".github", "workflows"), { recursive: true });
    fs.writeFileSync(path.join(site, ".github", "workflows", "drift.yml"), "name: ours\n");
    const before = snapshotTree(site);
    expect(() => scaffoldSite(site)).toThrow(UserError);
    expect(() => scaffoldSite(site)).toThrow(
      /already has \.github\/workflows\/drift\.yml: nothing written/,
    );
    expect(snapshotTree(site)).toEqual(before);
  });

  test("a file given as the folder", () => {
    const file = path.join(tempDir("file"), "estate.yaml");
    fs.writeFileSync(file, "version: 1\n");
    expect(() => scaffoldSite(file)).toThrow(/is a file, not a folder/);
  });
});
