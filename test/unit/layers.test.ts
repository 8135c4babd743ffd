import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/workspace";

/*
 * Data flows one way: estate file → model → rules → constructs → stacks → app (synth, plans,
 * review). A folder may import only the folders below it; the plan review knows the stacks only
 * through lib/contract. Imports are read with TypeScript's own pre-processor.
 */

const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  "lib/contract": [],
  "lib/user-error.ts": [],
  "lib/map-limited.ts": [],
  "lib/cli": ["lib/user-error.ts"],
  "lib/estate": ["lib/contract", "lib/user-error.ts"],
  "lib/rules": ["lib/estate", "lib/contract", "lib/user-error.ts"],
  "lib/constructs": ["lib/rules", "lib/estate", "lib/contract", "lib/user-error.ts"],
  "lib/terraform": ["lib/user-error.ts"],
  "lib/plan-review": ["lib/contract", "lib/cli", "lib/user-error.ts"],
  "lib/verify": ["lib/plan-review", "lib/contract", "lib/map-limited.ts", "lib/user-error.ts"],
  "lib/index.ts": ["lib"],
  stacks: ["lib"],
  app: ["stacks", "lib"],
  // A server of NSX's API for tests and the demo, not part of the library: it imports nothing of
  // the project.
  simulator: [],
};

function sourceFiles(dir: string): string[] {
  const full = path.join(repoRoot, dir);
  if (!fs.statSync(full).isDirectory()) return [dir];
  return fs
    .readdirSync(full)
    .flatMap((name) => sourceFiles(path.join(dir, name)))
    .filter((file) => file.endsWith(".ts"));
}

/** The folder (or file) of MAY_IMPORT a project file belongs to. */
function layerOf(file: string): string | undefined {
  return Object.keys(MAY_IMPORT)
    .filter((layer) => file === layer || file.startsWith(`${layer}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function localImports(file: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => {
      const target = path.relative(repoRoot, path.resolve(repoRoot, path.dirname(file), name));
      return fs.existsSync(path.join(repoRoot, `${target}.ts`)) ? `${target}.ts` : target;
    });
}

const files = ["lib", "stacks", "app", "simulator"].flatMap(sourceFiles);

test.each(files)("%s imports only the layers below it", (file) => {
  const layer = layerOf(file);
  expect(layer).toBeDefined();
  const allowed = [layer!, ...MAY_IMPORT[layer!]];
  const upward = localImports(file).filter(
    (target) => !allowed.some((a) => target === a || target.startsWith(`${a}/`)),
  );
  expect(upward).toEqual([]);
});
