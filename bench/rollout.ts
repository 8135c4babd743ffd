import * as fs from "fs";
import * as path from "path";
import { generateEstate, writeEstate, type EstateShape } from "./generate-estate";
import { median, measureRounds, runProcess, type ProcessRun } from "./measure";
import { benchEnvironment } from "./project";
import { discardedNote, n, runsOf, s, type Section } from "./report";
import type { BenchContext, BenchResults } from "./run";

/*
 * What ksv rollout adds to the hooks' own time, per wave, at datacenter scale: one manager of the
 * large estate upgraded to a new SVM image (reviewed with ksv plan-review, not measured), then
 * rolled out with --max-unprotected-hosts. Every hook is `true` and the verify hook a shell
 * script that answers what the plan expects (a few milliseconds each), so a wave's time is the
 * rollout's own: the targeted plan, show, the check against the reviewed plan, the apply, the
 * verify calls.
 */

/** Hosts a wave may leave without an SVM: two large clusters. */
const MAX_UNPROTECTED_HOSTS = 128;

/** Answers verify as NSX would after a good upgrade: the hosts and image the plan expects. */
const VERIFY_SCRIPT = `#!/bin/sh
case "$KSV_ROLE" in
  service-deployment) printf '{"deployed":true,"hosts":["%s"]}\\n' "$(printf %s "$KSV_HOSTS" | sed 's/,/","/g')" ;;
  svm-image) printf '{"svmImageUrl":"%s","upgrading":false}\\n' "$KSV_SVM_IMAGE_URL" ;;
  protection-service) printf '{"registered":true,"trafficMode":"%s","svmImageUrl":"%s"}\\n' "$KSV_TRAFFIC_MODE" "$KSV_SVM_IMAGE_URL" ;;
  *) echo '{"present":true}' ;;
esac
`;

interface GeneratedManager {
  name: string;
  svmImageUrl: string;
  clusters: Array<{ hosts: unknown[] }>;
}

const WAVE_LINE =
  /wave (\d+)\/(\d+): .*: (?:applied|applied again) in ([\d.]+) s, verified in ([\d.]+) s/;

/** Each wave's seconds (applied + verified) as ksv rollout reports them on stderr. */
function waveSeconds(run: ProcessRun): number[] {
  return run.stderr
    .split("\n")
    .map((line) => WAVE_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[3]) + Number(m[4]));
}

export function measureRollout(context: BenchContext, shape: EstateShape) {
  const { project, workDir, rounds, log } = context;
  log(`ksv rollout of one manager of ${shape.hosts} hosts: ${rounds} rounds`);
  const verify = path.join(workDir, "verify.sh");
  fs.writeFileSync(verify, VERIFY_SCRIPT, { mode: 0o755 });
  const estate = generateEstate(shape) as {
    hooks: Record<string, string>;
    managers: GeneratedManager[];
  };
  estate.hooks.verify = verify;
  const manager = estate.managers[0];
  const estateFile = path.join(workDir, "estate.yaml");
  const env = benchEnvironment({
    KSV_ESTATE: estateFile,
    CDKTF_OUTDIR: path.join(workDir, "cdktf.out"),
  });
  const ksv = (args: string[], okCodes = [0]) =>
    runProcess(process.execPath, [path.join(project, "bin", "ksv.js"), ...args], {
      cwd: workDir,
      env,
      okCodes,
    });
  const review = (version: number) => {
    manager.svmImageUrl = manager.svmImageUrl.replace(/(-v\d+)?\.ovf$/, `-v${version}.ovf`);
    writeEstate(estateFile, estate);
    ksv(["plan-review", "--manager", manager.name], [0, 2]);
  };
  // What runs before the first upgrade: the manager deployed, its state applied.
  review(1);
  ksv(["apply", manager.name]);
  let version = 1;
  const [rollout] = measureRounds(
    [
      {
        what: "ksv rollout",
        run: () => {
          review(++version);
          return ksv([
            "rollout",
            manager.name,
            "--max-unprotected-hosts",
            String(MAX_UNPROTECTED_HOSTS),
          ]);
        },
      },
    ],
    { rounds, log },
  );
  const waves = rollout.runs.map(waveSeconds);
  if (waves.some((list) => list.length === 0)) {
    throw new Error(`ksv rollout reported no wave:\n${rollout.runs[0].stderr}`);
  }
  const perWave = median(waves.flat());
  const fixed = median(
    rollout.runs.map((run, i) => run.seconds - waves[i].reduce((a, b) => a + b, 0)),
  );
  const hosts = manager.clusters.reduce((sum, c) => sum + c.hosts.length, 0);
  return {
    shape,
    manager: manager.name,
    hosts,
    rollout,
    waveCount: waves[0].length,
    perWave,
    fixed,
  };
}

export function rolloutSection({ rollout: r }: BenchResults): Section {
  return {
    title: `7. \`ksv rollout\`: its own time per wave, ${n(r.shape.hosts)}-host estate (target 7)`,
    blocks: [
      {
        header: "what | median | runs (s)",
        rows: [
          [
            `a wave (targeted plan, show, check, apply, verify), ${r.waveCount} waves of at most ${MAX_UNPROTECTED_HOSTS} hosts: the target`,
            s(r.perWave),
            "every wave of every run",
          ],
          [
            "once per rollout (estate, synth, init, the reviewed plan read, waves, the rest)",
            s(r.fixed),
            "",
          ],
          [
            `the whole rollout of ${r.manager} (${n(r.hosts)} hosts)`,
            s(r.rollout.seconds),
            runsOf(r.rollout.runs),
          ],
        ],
      },
      [
        `${r.manager} of the large estate (bench/generate-estate.ts) gets a new \`svmImageUrl\` each run; \`ksv plan-review --manager ${r.manager}\` reviews it and saves the plan (not measured); \`ksv rollout ${r.manager} --max-unprotected-hosts ${MAX_UNPROTECTED_HOSTS}\` rolls it out, a new process. Every hook runs \`true\` and verify is a shell script that echoes what the plan expects, a few milliseconds a call, so the figures are the rollout's own work. A wave's time is what the rollout reports on stderr (its apply and its verification); the time once per rollout is the rest of the process's wall time. ${discardedNote(r.rollout.discarded)}`,
      ],
    ],
  };
}
