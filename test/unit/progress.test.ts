import { PassThrough } from "stream";
import { stackProgress } from "../../app/progress";
import type { PlanProgress, StackPlan } from "../../app/plan-stacks";

/* Progress of a long run: plain lines in CI logs, a live status line in a terminal. */

function stream(isTTY: boolean) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk) => (text += chunk));
  Object.assign(out, { isTTY, columns: 60 });
  return { out: out as unknown as NodeJS.WriteStream, text: () => text };
}

const plan = { hasChanges: true, seconds: 1.25 } as StackPlan;
const events: Array<["start" | "done", PlanProgress]> = [
  ["start", { stack: "dc1", finished: 0, total: 2, running: ["dc1"] }],
  ["start", { stack: "dc2", finished: 0, total: 2, running: ["dc1", "dc2"] }],
  ["done", { stack: "dc1", finished: 1, total: 2, running: ["dc2"], plan }],
  ["done", { stack: "dc2", finished: 2, total: 2, running: [], plan }],
];

test("in CI: one plain line per stack as it finishes, nothing else", () => {
  const ci = stream(false);
  const report = stackProgress("plan-review", "planned", ci.out);
  for (const [event, progress] of events) report(event, progress);
  expect(ci.text()).toBe(
    "plan-review: dc1 planned (changes, 1.3 s) [1/2]\nplan-review: dc2 planned (changes, 1.3 s) [2/2]\n",
  );
});

test("in a terminal: the stacks being planned and how many are left, redrawn in place", () => {
  const previous = process.env.CI;
  delete process.env.CI;
  try {
    const tty = stream(true);
    const report = stackProgress("plan-review", "planned", tty.out);
    for (const [event, progress] of events) report(event, progress);
    const text = tty.text();
    expect(text).toContain("plan-review: dc1, dc2: 2 of 2 left");
    expect(text).toContain("[1/2]\nplan-review: dc2: 1 of 2 left");
    expect(text).toContain("plan-review: dc2 planned (changes, 1.3 s) [2/2]\n");
    expect(text.endsWith("[2/2]\n")).toBe(true);
  } finally {
    if (previous !== undefined) process.env.CI = previous;
  }
});
