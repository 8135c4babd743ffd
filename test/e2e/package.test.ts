import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { rootOverrides } from "../../app/site-package-json";
import { SITE_WORKFLOWS } from "../../app/site-scaffold";
import {
  repoRoot,
  runNode,
  runProcess,
  snapshotTree,
  tempDir,
  type CommandResult,
} from "../support/workspace";

/*
 * The package as a site gets it: `npm pack` (which builds dist/), the tarball installed into an
 * empty folder from the npm cache the project's own `npm ci` filled, then used the ways a site
 * uses it: require() from plain Node, its types from TypeScript, and `npx ksv init` followed by
 * `npm install` and `npm run synth` in the scaffold.
 */

const work = tempDir("package");
const consumer = path.join(work, "consumer");
let tarball: string;
let packedFiles: string[];

const npm = (cwd: string, ...args: string[]): Promise<CommandResult> =>
  runProcess("npm", args, { cwd, env: { CHECKPOINT_DISABLE: "1" } });
const npx = (cwd: string, ...args: string[]): Promise<CommandResult> =>
  runProcess("npx", args, { cwd });
const install = (cwd: string, ...args: string[]) =>
  npm(cwd, "install", "--prefer-offline", "--no-audit", "--no-fund", ...args);

function expectSuccess(run: CommandResult): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`);
}

beforeAll(async () => {
  const pack = await npm(repoRoot, "pack", "--json", "--pack-destination", work);
  expectSuccess(pack);
  const [packed] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = path.join(work, packed.filename);
  packedFiles = packed.files.map((file) => file.path);

  fs.mkdirSync(consumer);
  // npm applies overrides only at an install's root (CDK Terrain needs one): as a site would.
  const overrides = rootOverrides();
  fs.writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, ...(overrides ? { overrides } : {}) }),
  );
  expectSuccess(await install(consumer, tarball));
});

test("the tarball holds the compiled package, its bins, schema and workflows; no tests, benchmarks, fixtures or TypeScript sources", () => {
  expect(packedFiles).toEqual(
    expect.arrayContaining([
      "dist/index.js",
      "dist/index.d.ts",
      "dist/main.js",
      "bin/ksv.js",
      "bin/ksv-plan-review.js",
      "bin/ksv-nsxt-hook.js",
      "bin/ksv-nsxt-simulator.js",
      "schema/estate.schema.json",
      "README.md",
      ...SITE_WORKFLOWS.map((name) => `.github/workflows/${name}`),
    ]),
  );
  const unwanted = packedFiles.filter(
    (file) =>
      /^(test|bench)\//.test(file) ||
      /(^|\/)fixtures\//.test(file) ||
      (file.endsWith(".ts") && !file.endsWith(".d.ts")),
  );
  expect(unwanted).toEqual([]);
});

test("require() from plain Node gives the stacks, constructs, estate loader, contract and plan review", async () => {
  const names = [
    "NsxvProtectionStack",
    "NsxtProtectionStack",
    "NetworkThreatProtection",
    "loadEstate",
    "synthesizeEstate",
    "contract",
    "planReview",
  ];
  const run = await runNode(
    [
      "-e",
      `const k = require("ksv-ntp-cdktf");
       console.log(JSON.stringify({
         from: require.resolve("ksv-ntp-cdktf"),
         kinds: Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, typeof k[n]])),
         analyzePlans: typeof k.planReview.analyzePlans,
       }));`,
    ],
    { cwd: consumer },
  );
  expectSuccess(run);
  const answer = JSON.parse(run.stdout) as {
    from: string;
    kinds: Record<string, string>;
    analyzePlans: string;
  };
  expect(path.relative(consumer, answer.from)).toBe(
    path.join("node_modules", "ksv-ntp-cdktf", "dist", "index.js"),
  );
  expect(answer.kinds).toEqual({
    NsxvProtectionStack: "function",
    NsxtProtectionStack: "function",
    NetworkThreatProtection: "function",
    loadEstate: "function",
    synthesizeEstate: "function",
    contract: "object",
    planReview: "object",
  });
  expect(answer.analyzePlans).toBe("function");
});

test("a TypeScript app type-checks against its declarations, and a wrong call does not", async () => {
  fs.writeFileSync(
    path.join(consumer, "app.ts"),
    [
      'import { NsxtProtectionStack, contract, loadEstate, planReview } from "ksv-ntp-cdktf";',
      'import type { LoadedEstate } from "ksv-ntp-cdktf";',
      "",
      'const loaded: LoadedEstate = loadEstate("estate.yaml");',
      "const managers: number = loaded.estate.managers.length;",
      "const review: typeof planReview.analyzePlans = planReview.analyzePlans;",
      "// @ts-expect-error a stack needs a scope, an id and its props: only real types say so",
      "new NsxtProtectionStack();",
      "console.log(managers, review, contract);",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "node16",
        target: "es2022",
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [path.join(repoRoot, "node_modules", "@types")],
        types: ["node"],
      },
      files: ["app.ts"],
    }),
  );
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const run = await runNode([tsc, "-p", consumer], { cwd: consumer });
  expect(run.stdout).toBe("");
  expect(run.code).toBe(0);
});

test("npx ksv init writes a site that, after npm install, synthesizes a stack per manager offline", async () => {
  const init = await npx(consumer, "ksv", "init", "site");
  expectSuccess(init);
  const site = path.join(consumer, "site");
  expect(Object.keys(snapshotTree(site)).sort()).toEqual(
    [
      ".github/workflows/apply.yml",
      ".github/workflows/drift.yml",
      ".github/workflows/plan-review.yml",
      ".gitignore",
      "README.md",
      "cdktf.json",
      "estate.yaml",
      "main.js",
      "package.json",
    ].sort(),
  );
  // The workflows are the project's own; only the estate differs (the site's, not the example).
  for (const name of SITE_WORKFLOWS) {
    const project = fs.readFileSync(path.join(repoRoot, ".github", "workflows", name), "utf8");
    const copied = fs.readFileSync(path.join(site, ".github", "workflows", name), "utf8");
    expect(copied).toBe(project.split("stacks/example-estate.yaml").join("estate.yaml"));
    expect(copied).not.toContain("example-estate");
  }
  const estateText = fs.readFileSync(path.join(site, "estate.yaml"), "utf8");
  expect(estateText.split("\n")[0]).toBe(
    "# yaml-language-server: $schema=node_modules/ksv-ntp-cdktf/schema/estate.schema.json",
  );
  const managers = (parse(estateText) as { managers: { name: string; kind: string }[] }).managers;
  expect(managers.map((m) => m.kind).sort()).toEqual(["nsx-t", "nsx-v"]);

  // The tarball stands in for the registry. Without the development dependencies (the cdktf CLI,
  // 400 MB, for diff and deploy; test/e2e/cdktf-cli.test.ts runs it): synth needs none of them.
  expectSuccess(await install(site, "--omit=dev", tarball));
  expect(fs.existsSync(path.join(site, "node_modules", "ksv-ntp-cdktf", "dist", "main.js"))).toBe(
    true,
  );
  expectSuccess(await npm(site, "run", "synth"));
  for (const manager of managers) {
    expect(fs.existsSync(path.join(site, "cdktf.out", "stacks", manager.name, "cdk.tf.json"))).toBe(
      true,
    );
  }
  // The schema the estate's first line names is there.
  expect(
    fs.existsSync(path.join(site, "node_modules", "ksv-ntp-cdktf", "schema", "estate.schema.json")),
  ).toBe(true);
});

test("ksv init refuses a folder that has an estate.yaml: names it, writes nothing, exit 1", async () => {
  const taken = path.join(consumer, "taken");
  fs.mkdirSync(taken);
  fs.writeFileSync(path.join(taken, "estate.yaml"), "# this site's own estate\n");
  const before = snapshotTree(taken);
  const run = await npx(consumer, "ksv", "init", "taken");
  expect(run.code).toBe(1);
  expect(run.stderr.trim().split("\n")).toEqual([
    expect.stringMatching(/^ksv init: taken already has estate.yaml: nothing written/),
  ]);
  expect(snapshotTree(taken)).toEqual(before);
});
