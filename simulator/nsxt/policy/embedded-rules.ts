import { semanticError } from "./path-rules";
import type { PolicyContext, PolicyKind } from "./policy-kind";
import { storedFields } from "./policy-resource-schema";
import type { PolicyObject } from "./policy-store";

/** How redirection policies carry their rules: stored as children, shown embedded. */
export interface EmbeddedRules {
  readonly policyKind: PolicyKind;
  readonly ruleKind: PolicyKind;
  render(policy: PolicyObject): Record<string, unknown>;
}

export function embeddedRules(
  context: PolicyContext,
  policyKind: PolicyKind,
  ruleKind: PolicyKind,
): EmbeddedRules {
  return {
    policyKind,
    ruleKind,
    render(policy) {
      const rules = context.store
        .children(policy.path, ruleKind.resourceType)
        .sort((a, b) => Number(a.fields.sequence_number) - Number(b.fields.sequence_number));
      return {
        rules: rules.map((rule) => context.store.render(rule)),
        rule_count: rules.length,
        // Read-only: false is east-west, and only east-west redirection is simulated.
        north_south: false,
      };
    },
  };
}

/**
 * Rules sent inside a redirection policy ("pass all the rules which you wish to edit as embedded
 * rules", PatchRedirectionPolicy): all are checked before anything is written, then the returned
 * step writes them. PATCH creates or merges the rules it names and keeps the others; PUT makes the
 * policy's rules exactly the ones sent.
 */
export function writeEmbeddedRules(
  context: PolicyContext,
  ruleKind: PolicyKind,
  policyPath: string,
  rules: readonly Record<string, unknown>[],
  method: "PUT" | "PATCH",
): () => void {
  const seen = new Set<string>();
  const prepared = rules.map((rule, index) => {
    if (typeof rule.id !== "string")
      throw semanticError(`rules[${index}]: an embedded rule needs an id.`);
    if (seen.has(rule.id))
      throw semanticError(`rules[${index}]: rule id ${rule.id} is given twice.`);
    seen.add(rule.id);
    const path = `${policyPath}/rules/${rule.id}`;
    const existing = context.store.get(path);
    const fields = storedFields(rule, ruleKind.extraReadOnly);
    const merged =
      method === "PATCH" && existing
        ? { ...existing.fields, ...fields }
        : { ...ruleKind.defaults, ...fields };
    ruleKind.checkWrite?.(context, merged, existing);
    return { path, merged };
  });
  return () => {
    if (method === "PUT") {
      for (const old of context.store.children(policyPath, ruleKind.resourceType)) {
        if (!seen.has(old.id)) context.store.delete(old.path);
      }
    }
    for (const { path, merged } of prepared) {
      context.store.write(path, ruleKind.resourceType, merged, policyPath);
    }
  };
}
