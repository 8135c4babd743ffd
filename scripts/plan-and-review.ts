import * as fs from "fs";
import * as path from "path";
import { runCommand, UserError } from "../lib/cli/run-command";
import { loadEstate, printWarnings } from "../app/load-estate";
import {
  analyzePlans,
  parseArguments,
  renderJson,
  renderMarkdown,
  reviewExitCode,
  validatePlanDocument,
  type LoadedPlan,
  type ReviewOptions,
} from "../lib/plan-review";
import { synthesizeEstate } from "../app/synthesize-estate";
import { estateFileFromEnvironment } from "../app/estate-file";
import { initStack, planStack, showPlan } from "../lib/terraform/stack-workflow";
import { checkTerraform } from "../lib/terraform/terraform-cli";

/*
 * What a CI job runs on a pull request: synthesize the estate, plan every stack with the real
 * terraform against its real state, and review the plans together. Writes
 *   <outdir>/plans/<stack>.json   each plan (terraform show -json)
 *   <outdir>/plan-review.md       the review as a PR comment
 *   <outdir>/plan-review.json     the review for machines
 * prints the review in the chosen format and exits like ksv-plan-review (0, 2 disruptive, 1 error).
 */

const NAME = "plan-review";

function parseOptions(argv: readonly string[]): ReviewOptions & { help: boolean } {
  const options = parseArguments(argv);
  if (options.inputs.length > 0) {
    throw new UserError("takes no plan files: it plans every stack of the estate itself");
  }
  return options;
}

void runCommand(NAME, () => {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(
      `Usage: npm run ${NAME} -- [--format markdown|json] [--allow-disruptive]\n`,
    );
    return 0;
  }
  checkTerraform();
  const loaded = loadEstate(estateFileFromEnvironment());
  printWarnings(loaded);
  const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
  const stacks = synthesizeEstate(loaded.estate, outdir);
  const plansDir = path.join(outdir, "plans");
  fs.mkdirSync(plansDir, { recursive: true });

  const plans: LoadedPlan[] = stacks.map((stack) => {
    const dir = path.dirname(stack.file);
    process.stderr.write(`${NAME}: planning ${stack.name}\n`);
    initStack(dir);
    const planned = planStack(dir);
    const document = showPlan(dir, planned.planFile);
    const file = path.join(plansDir, `${stack.name}.json`);
    fs.writeFileSync(file, JSON.stringify(document));
    return { source: file, plan: validatePlanDocument(document, file) };
  });

  const review = analyzePlans(plans);
  const markdown = renderMarkdown(review, options);
  const json = renderJson(review, options);
  fs.writeFileSync(path.join(outdir, "plan-review.md"), markdown);
  fs.writeFileSync(path.join(outdir, "plan-review.json"), json);
  process.stdout.write(options.format === "json" ? json : markdown);
  return reviewExitCode(review, options.allowDisruptive);
});
