import * as fs from "fs";
import * as path from "path";

/**
 * The project's folder: the nearest one above this module with a package.json. The same from the
 * TypeScript sources and from their build in .gen/js/<hash>/ (scripts/run-ts.js), which has none.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
