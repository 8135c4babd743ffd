import { isScalar, parse } from "yaml";

/*
 * A value written as its neighbours are: plain, "double" or 'single' quoted. Plain is used only
 * where YAML reads it back as the same text (a host named `null`, `1e3` or `lab #2` would not
 * be), else double quotes; JSON files have double quotes throughout, so they keep them.
 */

export type ScalarStyle = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";

/** Where a value goes: in a flow collection ([a, b], { k: v }) `,` `[` `]` `{` `}` end a plain value. */
export type ScalarContext = "block" | "flow";

/** The style a node of the document is written in, when it is a plain or quoted scalar. */
export function styleOf(node: unknown): ScalarStyle | undefined {
  if (!isScalar(node)) return undefined;
  const type = node.type;
  return type === "PLAIN" || type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE" ? type : undefined;
}

function readsBackPlain(value: string, context: ScalarContext): boolean {
  if (value === "" || value !== value.trim() || /[\r\n]/.test(value)) return false;
  try {
    const read: unknown = parse(context === "flow" ? `[${value}]` : `- ${value}`);
    return Array.isArray(read) && read.length === 1 && read[0] === value;
  } catch {
    return false;
  }
}

/** `value` written in `style`, or double-quoted where that style would read as something else. */
export function renderScalar(value: string, style: ScalarStyle, context: ScalarContext): string {
  if (style === "QUOTE_SINGLE" && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === "PLAIN" && readsBackPlain(value, context)) return value;
  // JSON's string syntax is YAML's double-quoted scalar for every character an estate allows.
  return JSON.stringify(value);
}
