import * as fs from "fs";
import { UserError } from "../user-error";
import type { PlanReview } from "./model";
import { reviewFromJson } from "./review-from-json";

/*
 * Reviews made apart (one CI job per manager, each reviewing its own plans) merged into the one
 * review of all their plans: the inputs and managers of each, in the order given, as
 * analyzePlans gives them for the plans in that order. A manager found in two reviews is refused,
 * as a manager found in two plans is.
 */

export interface LoadedReview {
  /** The file, as the user gave it. */
  readonly source: string;
  readonly review: PlanReview;
}

/** Reads a JSON review file (ksv-plan-review --format json, plan-review.json). */
export function readReviewFile(file: string): LoadedReview {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a review" : `cannot be read (${code ?? (error as Error).message})`}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(
      `${file}: not JSON (give plan-review.json, or ksv-plan-review --format json output)`,
    );
  }
  return { source: file, review: reviewFromJson(value, file) };
}

function sameChangedSince(a: PlanReview, b: PlanReview): boolean {
  return JSON.stringify(a.changedSince ?? null) === JSON.stringify(b.changedSince ?? null);
}

/** One review of every plan the reviews were made of. Throws UserError naming the file. */
export function mergeReviews(reviews: readonly LoadedReview[]): PlanReview {
  if (reviews.length === 0) throw new UserError("no review given to merge");
  const seen = new Map<string, string>();
  for (const { source, review } of reviews) {
    for (const manager of review.managers) {
      const earlier = seen.get(manager.name);
      if (earlier !== undefined) {
        throw new UserError(
          `${source}: manager ${JSON.stringify(manager.name)} is also in ${earlier}; merge one review per stack (both would count its hosts twice)`,
        );
      }
      seen.set(manager.name, source);
    }
    const first = reviews[0];
    if (!sameChangedSince(first.review, review)) {
      throw new UserError(
        `${source}: reviews changes since ${JSON.stringify(review.changedSince?.ref ?? null)} with unchanged stacks ${JSON.stringify(review.changedSince?.unchanged ?? null)}, ${first.source} since ${JSON.stringify(first.review.changedSince?.ref ?? null)} with ${JSON.stringify(first.review.changedSince?.unchanged ?? null)}: merge the reviews of one run`,
      );
    }
  }
  const managers = reviews.flatMap(({ review }) => review.managers);
  const changedSince = reviews[0].review.changedSince;
  return {
    inputs: reviews.flatMap(({ review }) => review.inputs),
    managers,
    disruptive: managers.some((m) => m.disruptive),
    ...(changedSince ? { changedSince } : {}),
  };
}
