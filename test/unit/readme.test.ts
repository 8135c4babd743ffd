import * as path from "path";
import { repoRoot, runNode } from "../support/workspace";

// Prettier (which formats the generated sections) cannot load inside Jest: the check runs apart.
test("README's rule table and project layout are the code's (npm run docs rewrites them)", async () => {
  const result = await runNode([
    "-r",
    "ts-node/register/transpile-only",
    path.join(repoRoot, "scripts", "write-docs.ts"),
    "--check",
  ]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});
