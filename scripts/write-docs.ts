import * as fs from "fs";
import * as path from "path";
import { renderReadme } from "./readme-sections";

// npm run docs: rewrites README's generated sections (scripts/readme-sections.ts). With --check it
// writes nothing and exits 1 when README differs from them (test/unit/readme.test.ts).
const file = path.join(__dirname, "..", "README.md");
const check = process.argv.includes("--check");
const current = fs.readFileSync(file, "utf8");
void renderReadme(current).then((readme) => {
  if (!check) fs.writeFileSync(file, readme);
  else if (readme !== current) {
    process.stderr.write("README's generated sections are stale: run npm run docs\n");
    process.exitCode = 1;
  }
});
