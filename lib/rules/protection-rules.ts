import { Annotations, IAspect } from "cdktf";
import { IConstruct } from "constructs";
import { UserError } from "../user-error";
import { formatPath } from "../estate/messages";
import type { ManagerSpec } from "../estate/schema";
import {
  describeAcknowledged,
  describeUnused,
  judgeManager,
  type ManagerAcknowledgement,
} from "./acknowledgements";
import { PROTECTION_RULES } from "./all-rules";
import { describeRuleFinding, type ProtectionRule, type RuleFinding } from "./rule";

/** A construct the rules apply to: it carries the validated model of one manager. */
export interface IRuleSubject extends IConstruct {
  readonly spec: ManagerSpec;
  /** Warning rules the site accepts for this manager, and why. @default - none */
  readonly acknowledgements?: readonly ManagerAcknowledgement[];
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
 * and apps built with `skipValidation: true`, so error-level rules cannot be switched off. A
 * warning the subject acknowledges is an info annotation that says so and why (`cdktf synth`
 * prints it as INFO); an acknowledgement that silences nothing is a warning.
 */
export class ProtectionRules implements IAspect {
  constructor(private readonly rules: readonly ProtectionRule[] = PROTECTION_RULES) {}

  public visit(node: IConstruct): void {
    if (!isRuleSubject(node)) return;
    const judged = judgeManager(this.rules, node.spec, node.acknowledgements ?? []);
    if (judged.errors.length > 0) throw new ProtectionRuleError(judged.errors);
    const annotations = Annotations.of(node);
    for (const warning of judged.warnings) annotations.addWarning(describeRuleFinding(warning));
    for (const finding of judged.acknowledged) {
      annotations.addInfo(describeAcknowledged(formatPath(finding.path), finding));
    }
    for (const unused of judged.unused) {
      annotations.addWarning(describeUnused(unused.rule, `in manager ${node.spec.name}`));
    }
  }
}
