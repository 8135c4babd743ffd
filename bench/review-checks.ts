import type { PlanReviewJson } from "../lib/plan-review";
/*
 * What a right review of the pipeline's scenarios is: a wrong one is a bug, not a slow run, so
 * every run is checked (target 2, and the exit code of `npm run bench`).
 */

/** The review JSON, as far as the checks read it. */
export type ReviewJson = Pick<PlanReviewJson, "exitCode" | "managers">;

export interface ReviewCheck {
  readonly ok: boolean;
  /** What was checked, and what was found where it failed. */
  readonly checks: ReadonlyArray<{ readonly what: string; readonly ok: boolean }>;
}

const allOf = (checks: ReviewCheck["checks"]): ReviewCheck => ({
  ok: checks.every((c) => c.ok),
  checks,
});

/** Every stack created: exit 0, every manager reviewed, changes everywhere, no gap. */
export function checkCreate(review: ReviewJson, code: number, managers: number): ReviewCheck {
  return allOf([
    { what: `exits 0 (exit ${code})`, ok: code === 0 && review.exitCode === 0 },
    {
      what: `reviews ${managers} managers (${review.managers.length})`,
      ok: review.managers.length === managers,
    },
    {
      what: "every manager has changes and no protection gap",
      ok: review.managers.every((m) => m.hasChanges && m.protectionGap === null),
    },
  ]);
}

/** One manager to monitoring: exit 2, its every host in the gap, no change elsewhere. */
export function checkModeChange(
  review: ReviewJson,
  code: number,
  changed: { readonly name: string; readonly hosts: number },
  managers: number,
): ReviewCheck {
  const manager = review.managers.find((m) => m.name === changed.name);
  const others = review.managers.filter((m) => m.name !== changed.name);
  const gap = manager?.protectionGap?.hostCount;
  const othersChanged = others.filter((m) => m.hasChanges || m.protectionGap !== null);
  return allOf([
    { what: `exits 2 (exit ${code})`, ok: code === 2 && review.exitCode === 2 },
    {
      what: `${changed.name}: traffic mode standard → monitoring (${manager?.trafficMode.before} → ${manager?.trafficMode.after})`,
      ok: manager?.trafficMode.before === "standard" && manager.trafficMode.after === "monitoring",
    },
    {
      what: `${changed.name}: protectionGap.hostCount = ${changed.hosts}, its hosts (${gap ?? "no gap"})`,
      ok: gap === changed.hosts,
    },
    {
      what: `the other ${managers - 1} managers: no changes (${others.length - othersChanged.length} of ${others.length}${
        othersChanged.length > 0 ? `; changes: ${othersChanged.map((m) => m.name).join(", ")}` : ""
      })`,
      ok: others.length === managers - 1 && othersChanged.length === 0,
    },
  ]);
}
