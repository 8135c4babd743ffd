import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { OUTPUTS } from "../contract";
import type { ManagerSpec } from "../estate/schema";
import { judgeManager, type ManagerAcknowledgement } from "../rules/acknowledgements";
import { PROTECTION_RULES } from "../rules/all-rules";

export interface AcknowledgedWarningsProps {
  /** The manager the rules judge. */
  readonly spec: ManagerSpec;
  /** Validated already (NetworkThreatProtection's `acknowledge`). */
  readonly acknowledgements: readonly ManagerAcknowledgement[];
}

/**
 * Carries what the site acknowledged into the stack's plan, where the plan review reads it: the
 * root output `acknowledged_warnings` (lib/contract's OUTPUTS), rule id → reason, of the
 * acknowledgements that silence a finding of this manager. None: no output, as in a stack of an
 * earlier release, so that a stack without acknowledgements plans no output change.
 */
export class AcknowledgedWarnings extends Construct {
  /** Rule id → reason, of the acknowledgements that silence something here. */
  public readonly acknowledged: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: AcknowledgedWarningsProps) {
    super(scope, id);
    const judged =
      props.acknowledgements.length === 0
        ? []
        : judgeManager(PROTECTION_RULES, props.spec, props.acknowledgements).acknowledged;
    this.acknowledged = Object.fromEntries(judged.map((f) => [f.ruleId, f.acknowledgement.reason]));
    if (judged.length === 0) return;
    new TerraformOutput(this, "output", {
      value: this.acknowledged,
      description: "Warnings of the protection rules the site acknowledged (rule id → reason)",
    }).overrideLogicalId(OUTPUTS.acknowledgedWarnings);
  }
}
