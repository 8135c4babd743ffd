import type { TextStyle } from "./counts";
import { printable } from "./printable";

/*
 * Markdown that holds any value safely: every value from a plan, a state or a hook goes into a
 * code span, so a host or manager name can neither break the layout nor inject markup.
 */

const MAX_VALUE_LENGTH = 120;

/** One line, at most `maxLength` characters, without control characters. */
export function shorten(text: string, maxLength = MAX_VALUE_LENGTH): string {
  const oneLine = printable(text.replace(/[\r\n\t]+/g, " "));
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  return codeSpanUpTo(text, MAX_VALUE_LENGTH);
}

/** codeSpan for values longer by nature (a sentence): cut only past `maxLength` characters. */
export function codeSpanUpTo(text: string, maxLength: number): string {
  const value = shorten(text, maxLength);
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = value.startsWith("`") || value.endsWith("`") || value === "" ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** GitHub splits table rows at `|` even inside code spans. */
export function tableCell(markdown: string): string {
  return markdown.replace(/\|/g, "\\|");
}

export const MARKDOWN: TextStyle = { value: codeSpan };
