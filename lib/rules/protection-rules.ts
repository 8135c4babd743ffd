import { Annotations, IAspect } from "cdktf";
import { IConstruct } from "constructs";
import { UserError } from "../user-error";
import type { ManagerSpec } from "../estate/schema";
import { PROTECTION_RULES } from "./all-rules";
import { describeRuleFinding, runRules, type ProtectionRule, type RuleFinding } from "./rule";

/** A construct the rules apply to: it carries the validated model of one manager. */
export interface IRuleSubject extends IConstruct {
  readonly spec: ManagerSpec;
}

function isRuleSubject(node: IConstruct): node is IRuleSubject {
  const spec = (node as Partial<IRuleSubject>).spec;
  return typeof spec === "object" && spec !== null && typeof spec.kind === "string";
}

/** Error-level findings stop the synth: no stack is written for an impossible deployment. */
export class ProtectionRuleError extends UserError {
  constructor(readonly findings: readonly RuleFinding[]) {
    super(findings.map(describeRuleFinding).join("\n"));
    this.name = "ProtectionRuleError";
  }
}

/**
 * The protection rules as a cdktf Aspect. Aspects run at every synth, including Testing.synth
 * and apps built with `skipValidation: true`, so error-level rules cannot be switched off.
 */
export class ProtectionRules implements IAspect {
  constructor(private readonly rules: readonly ProtectionRule[] = PROTECTION_RULES) {}

  public visit(node: IConstruct): void {
    if (!isRuleSubject(node)) return;
    const findings = runRules(this.rules, node.spec);
    const errors = findings.filter((f) => f.level === "error");
    if (errors.length > 0) throw new ProtectionRuleError(errors);
    for (const warning of findings) {
      Annotations.of(node).addWarning(describeRuleFinding(warning));
    }
  }
}
