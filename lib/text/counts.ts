import { printable } from "./printable";

/*
 * Numbers and lists in sentences, the same in every report (plan review, drift, adopt): a person
 * reads "20,000 hosts" and "esx-1, esx-2 and 3 more" wherever they appear.
 */

/** How a value is quoted in a sentence: as it is in plain text, in a code span in markdown. */
export interface TextStyle {
  value(text: string): string;
}

/** Values as they are, but control characters (lib/text/printable): they reach terminals. */
export const PLAIN_TEXT: TextStyle = { value: (text) => printable(text) };

/** 20000 → "20,000" (toLocaleString would load ICU data: tens of milliseconds at start-up). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** `esx-1`, `esx-2` and 3 more: a few names of a long list. */
export function someOf(items: readonly string[], style: TextStyle, shown = 5): string {
  const names = items.slice(0, shown).map((item) => style.value(item));
  const more = items.length - names.length;
  if (more > 0) return `${names.join(", ")} and ${formatCount(more)} more`;
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
