import { OUTPUTS } from "../contract";
import type { AcknowledgedWarning } from "./model";
import type { OutputChange, PlanDocument } from "./plan-json";

/*
 * What the site acknowledged, from a stack's acknowledged_warnings output (lib/contract's
 * OUTPUTS): rule id → reason, before and after the plan. A stack without the output (none
 * acknowledged, or a stack of an earlier release) has none. Only string values are read; a side
 * Terraform marks sensitive or unknown is read as none.
 */

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function side(output: OutputChange, which: "before" | "after"): Map<string, string> {
  const marks = which === "before" ? output.before_sensitive : output.after_sensitive;
  const unknown = which === "after" ? output.after_unknown : undefined;
  const values = new Map<string, string>();
  if (marks === true || unknown === true) return values;
  const hidden = { ...asObject(marks), ...asObject(unknown) };
  for (const [rule, reason] of Object.entries(asObject(output[which]) ?? {})) {
    if (typeof reason === "string" && hidden[rule] !== true) values.set(rule, reason);
  }
  return values;
}

/** The plan's acknowledgements, by rule id: after the plan, and those it removes. */
export function acknowledgedWarnings(plan: PlanDocument): AcknowledgedWarning[] {
  const output = plan.output_changes[OUTPUTS.acknowledgedWarnings];
  if (!output) return [];
  const before = side(output, "before");
  const after = side(output, "after");
  const rules = [...new Set([...after.keys(), ...before.keys()])].sort();
  return rules.map((rule): AcknowledgedWarning => {
    const now = after.get(rule);
    const was = before.get(rule);
    if (now === undefined) return { rule, reason: was!, change: "removed" };
    const change = was === undefined ? "added" : was === now ? "unchanged" : "changed";
    return { rule, reason: now, change };
  });
}
