import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { LAYERED_FOLDERS, LAYERS } from "../../scripts/layers";
import { repoRoot } from "../support/workspace";

/*
 * Data flows one way (scripts/layers.ts): a folder imports only the layers it lists; the plan
 * review knows the stacks only through lib/contract. Imports are read with TypeScript's own
 * pre-processor.
 */

const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  LAYERS.map((layer) => [layer.path, layer.mayImport]),
);

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

const files = LAYERED_FOLDERS.flatMap(sourceFiles);

test.each(files)("%s imports only the layers below it", (file) => {
  const layer = layerOf(file);
  expect(layer).toBeDefined();
  const allowed = [layer!, ...MAY_IMPORT[layer!]];
  const upward = localImports(file).filter(
    (target) => !allowed.some((a) => target === a || target.startsWith(`${a}/`)),
  );
  expect(upward).toEqual([]);
});
