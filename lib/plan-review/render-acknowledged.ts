import { codeSpan, codeSpanUpTo } from "../text";
import type { AcknowledgedWarning } from "./model";

/*
 * The warnings the site acknowledged, in the review comment: shown, not hidden, so that a pull
 * request that silences a warning says so where it is reviewed. Values in code spans.
 */

/** A reason is at most 300 characters (lib/estate's grammar): shown whole. */
const REASON_SHOWN = 300;

const CHANGE_TEXT: Readonly<Record<AcknowledgedWarning["change"], string>> = {
  added: " (new in this plan)",
  changed: " (reason changed in this plan)",
  unchanged: "",
  removed: " (no longer acknowledged: the warning is reported again)",
};

export function acknowledgedSection(acknowledged: readonly AcknowledgedWarning[]): string[] {
  if (acknowledged.length === 0) return [];
  return [
    "**Acknowledged warnings** (the site accepts them; the synth reports them as acknowledged):",
    "",
    ...acknowledged.map(
      (a) =>
        `- ${codeSpan(a.rule)}: ${codeSpanUpTo(a.reason, REASON_SHOWN)}${CHANGE_TEXT[a.change]}`,
    ),
    "",
  ];
}
