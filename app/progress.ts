import type { PlanProgress } from "./plan-stacks";

/*
 * Progress of a run over many stacks, on stderr: one plain line per stack as it finishes (what a
 * CI log keeps), and in a terminal a status line with the stacks being planned and how many are
 * left, redrawn in place.
 */

export function stackProgress(
  command: string,
  verb: string,
  stream: NodeJS.WriteStream = process.stderr,
): (event: "start" | "done", progress: PlanProgress) => void {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let status = "";
  const clear = () => {
    if (status) stream.write(`\r${" ".repeat(status.length)}\r`);
    status = "";
  };
  return (event, progress) => {
    clear();
    if (event === "done" && progress.plan) {
      const changes = progress.plan.hasChanges ? "changes" : "no changes";
      stream.write(
        `${command}: ${progress.stack} ${verb} (${changes}, ${progress.plan.seconds.toFixed(1)} s) [${progress.finished}/${progress.total}]\n`,
      );
    }
    if (live && progress.finished < progress.total) {
      const left = progress.total - progress.finished;
      const line = `${command}: ${progress.running.join(", ") || "starting"}: ${left} of ${progress.total} left`;
      status = line.slice(0, Math.max(20, (stream.columns ?? 80) - 1));
      stream.write(status);
    }
  };
}
