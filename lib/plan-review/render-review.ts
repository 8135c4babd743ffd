import type { OutputFormat } from "../cli/output-format";
import type { PlanReview } from "./model";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";

export interface ReviewOptions {
  readonly format: OutputFormat;
  /** Disruption was accepted: exit 0, and the review says so. */
  readonly allowDisruptive: boolean;
}

/** The review in the format asked for. */
export function renderReview(review: PlanReview, options: ReviewOptions): string {
  return options.format === "json"
    ? renderJson(review, { allowDisruptive: options.allowDisruptive })
    : renderMarkdown(review, { allowDisruptive: options.allowDisruptive });
}
