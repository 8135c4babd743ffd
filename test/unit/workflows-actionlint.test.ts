import * as fs from "fs";
import * as path from "path";
import { actionlint } from "../support/actionlint";
import { repoRoot } from "../support/workspace";

/* Every GitHub Actions workflow of the project, linted by actionlint 1.7 (vars context included). */

const dir = path.join(repoRoot, ".github", "workflows");
const workflows = fs.readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));

test("there are workflows to lint", () => {
  expect(workflows.sort()).toEqual(["apply.yml", "drift.yml", "plan-review.yml"]);
});

test.each(workflows)("%s: no actionlint finding", async (file) => {
  const findings = await actionlint(fs.readFileSync(path.join(dir, file), "utf8"));
  expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
});

test("actionlint does find a broken workflow's mistakes", async () => {
  const broken =
    "on: push\njobs:\n  x:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo ${{ vars.A == }}\n";
  const kinds = (await actionlint(broken)).map((f) => f.kind);
  expect(kinds).toEqual(expect.arrayContaining(["syntax-check", "expression"]));
});
