import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { measureRounds, runProcess } from "./measure";
import { benchEnvironment, compiledEnvironment, npmScript, precompile } from "./project";
import { discardedNote, n, runsOf, s, x, type Section } from "./report";
import type { BenchContext, BenchResults } from "./run";

/*
 * Review only what changed: the large estate in a git repository of its own, one manager's
 * policy changed since HEAD. Measured in turn, each a new process from a warm checkout (the build
 * cache and every stack's .terraform kept): the decision alone (changedStacks: both estates
 * synthesized where their inputs differ, compared), `npm run plan-review -- --changed-since
 * HEAD` (the decision, then init, plan and show of the changed stack and the review), and the
 * full `npm run plan-review` of the same estate.
 */

interface GeneratedManager {
  name: string;
  policy: { blockMinutes: number };
}

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", args, {
    cwd,
    stdio: "ignore",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "bench@example.local",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "bench@example.local",
    },
  });
}

export function measureChangedStacks(context: BenchContext, shape: EstateShape) {
  const { project, workDir, rounds, log } = context;
  log(`review only what changed, ${shape.hosts} hosts: ${rounds} rounds`);
  const estate = generateEstate(shape) as { managers: GeneratedManager[] };
  const estateFile = path.join(workDir, "estate.yaml");
  writeEstate(estateFile, estate);
  fs.writeFileSync(path.join(workDir, ".gitignore"), "cdktf.out/\n*.tfstate\n");
  git(workDir, "init", "-q", "-b", "main");
  git(workDir, "add", "-A");
  git(workDir, "commit", "-qm", "the estate");
  const changed = estate.managers[0];
  changed.policy.blockMinutes = 120;
  writeEstate(estateFile, estate);

  const env = benchEnvironment({
    KSV_ESTATE: estateFile,
    CDKTF_OUTDIR: path.join(workDir, "cdktf.out"),
  });
  const review = npmScript(project, "plan-review");
  const options = { cwd: project, env, okCodes: [0, 2] };
  // The decision alone, compiled as the commands' build is (tsc, no type checking).
  // Inside the project: the compiled code finds the project root (package.json) above it.
  const compiled = path.join(project, ".gen", "bench-changed-stacks");
  precompile(project, ["bench/changed-stacks-child.ts"], compiled);
  const childEnv = { ...compiledEnvironment(project), KSV_ESTATE: estateFile };
  const decide = () =>
    runProcess(
      process.execPath,
      [path.join(compiled, "bench", "changed-stacks-child.js"), "HEAD"],
      { cwd: workDir, env: childEnv },
    );
  const [decision, changedReview, fullReview] = measureRounds(
    [
      { what: "changedStacks", run: decide },
      {
        what: "plan-review --changed-since",
        run: () => runProcess("/bin/sh", ["-c", `${review} --changed-since HEAD`], options),
      },
      { what: "full plan-review", run: () => runProcess("/bin/sh", ["-c", review], options) },
    ],
    // The first round fills the build cache and every stack's .terraform: a warm checkout.
    { rounds, log, warmUp: true },
  );
  const decided = JSON.parse(decision.runs[0].stdout) as string[];
  if (decided.join() !== changed.name) {
    throw new Error(`changedStacks found ${JSON.stringify(decided)}, not [${changed.name}]`);
  }
  return {
    shape,
    changedManager: changed.name,
    decision,
    changedReview,
    fullReview,
  };
}

export function changedStacksSection({ changedStacks: r }: BenchResults): Section {
  const row = (label: string, v: typeof r.decision) => [
    label,
    s(v.seconds),
    runsOf(v.runs),
    x(v.seconds / r.fullReview.seconds),
  ];
  return {
    title: `6. Review only what changed: one manager of ${n(r.shape.hosts)} hosts (target 6)`,
    blocks: [
      {
        header: "command | median | runs (s) | of the full review",
        rows: [
          row("which stacks changed (changedStacks), a process of its own: the target", r.decision),
          row("`npm run plan-review -- --changed-since HEAD`", r.changedReview),
          row("`npm run plan-review` (every stack)", r.fullReview),
        ],
      },
      [
        `The large estate (bench/generate-estate.ts: ${n(r.shape.hosts)} hosts, ${r.shape.managers} managers) committed in a git repository of its own; then ${r.changedManager}'s policy changed (\`blockMinutes: 120\`), uncommitted. changedStacks decides by synthesized content which stacks differ between the estate and HEAD's; it must find ${r.changedManager} alone. A warm checkout: one unmeasured round first fills the build cache and every stack's \`.terraform\`, which stay (cdktf.out is not deleted between runs). Each command is a new process: node start, module load, estate load included.`,
        `\`--changed-since\` plans the changed stack only: the rest of its time is \`terraform init\`, \`plan\` and \`show -json\` of that stack (a 1,250-host manager) and the review, which no decision can save. ${discardedNote([...r.decision.discarded, ...r.changedReview.discarded, ...r.fullReview.discarded])}`,
      ],
    ],
  };
}
