import * as fs from "fs";
import * as path from "path";
import type { PlanReview } from "../lib/plan-review/model";
import { renderJson } from "../lib/plan-review/render-json";
import { renderMarkdown } from "../lib/plan-review/render-markdown";
import { GITHUB_BODY_LIMIT, splitMarkdown } from "../lib/text";

/*
 * The review's files, what CI posts and keeps: the markdown as one or more comments
 * (plan-review.md, then plan-review.2.md, … when it is longer than a GitHub comment may be) and
 * the JSON. Parts an earlier, longer review left are removed: a workflow posts every part it finds.
 */

const REVIEW_MARKDOWN_FILE = "plan-review.md";
const REVIEW_JSON_FILE = "plan-review.json";

/** plan-review.md, plan-review.2.md, … */
function reviewPartFile(index: number): string {
  return index === 1 ? REVIEW_MARKDOWN_FILE : `plan-review.${index}.md`;
}

export interface WrittenReview {
  readonly markdown: string;
  readonly json: string;
  /** The files of the markdown's parts, in order. */
  readonly parts: readonly string[];
}

export function writeReview(
  outdir: string,
  review: PlanReview,
  options: { readonly allowDisruptive: boolean },
): WrittenReview {
  const markdown = renderMarkdown(review, options);
  const json = renderJson(review, options);
  fs.mkdirSync(outdir, { recursive: true });
  const parts = splitMarkdown(markdown, GITHUB_BODY_LIMIT).map((text, i) => {
    const file = path.join(outdir, reviewPartFile(i + 1));
    fs.writeFileSync(file, text);
    return file;
  });
  for (const name of fs.readdirSync(outdir)) {
    const index = /^plan-review\.(\d+)\.md$/.exec(name)?.[1];
    if (index !== undefined && Number(index) > parts.length) fs.rmSync(path.join(outdir, name));
  }
  fs.writeFileSync(path.join(outdir, REVIEW_JSON_FILE), json);
  return { markdown, json, parts };
}
