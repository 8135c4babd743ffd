import { z } from "zod";
import { ERROR_RULE_IDS, WARNING_RULE_IDS, type ErrorRuleId } from "../../contract";
import { ACKNOWLEDGEMENT_REASON, REASON_PUNCTUATION } from "../grammar";
import { quote } from "../messages";
import { managerSchema } from "./managers";

/*
 * Warnings a site has decided about, cdk-nag's suppressions as data: each names a warning rule,
 * optionally one manager, and why. An acknowledged finding is shown as such (not hidden) at synth
 * and in the plan review; an error rule cannot be acknowledged.
 */

const isErrorRule = (value: unknown): value is ErrorRuleId =>
  (ERROR_RULE_IDS as readonly unknown[]).includes(value);

export const acknowledgedRule = z
  .enum(WARNING_RULE_IDS, {
    error: (issue) =>
      isErrorRule(issue.input)
        ? `${issue.input} is an error, not a warning: it stops the synth because the deployment cannot work as written, so it cannot be acknowledged; change the estate so that it passes`
        : undefined,
  })
  .meta({ description: "A warning rule's id (README: protection rules); errors cannot be." });

export const acknowledgementReason = z
  .string({
    error: (issue) =>
      issue.input === undefined ? "is required: say why the site accepts the warning" : undefined,
  })
  .regex(ACKNOWLEDGEMENT_REASON, {
    error: (issue) =>
      issue.input === ""
        ? "must not be empty: say why the site accepts the warning"
        : `${quote(issue.input)} is not a valid reason: one line of letters, digits, spaces and ${REASON_PUNCTUATION}, starting with a letter or digit, at most 300 characters`,
  })
  .meta({
    description:
      "Why the site accepts the warning: shown at synth and in the plan review instead of the warning.",
    pattern: ACKNOWLEDGEMENT_REASON.source,
  });

export const acknowledgementSchema = z.strictObject({
  rule: acknowledgedRule,
  manager: managerSchema.shape.name.optional().meta({
    description: "The manager whose findings it silences; absent: every manager's.",
  }),
  reason: acknowledgementReason,
});

/** A rule id once per list: an acknowledgement of a manager is one decision. */
export const acknowledgementsSchema = z
  .array(acknowledgementSchema.omit({ manager: true }))
  .superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const seen = first.get(entry.rule);
      if (seen === undefined) first.set(entry.rule, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "rule"],
          message: `${entry.rule} is already acknowledged at [${seen}]; keep one`,
        });
    });
  });

export type Acknowledgement = z.output<typeof acknowledgementSchema>;
export type AcknowledgementInput = z.input<typeof acknowledgementSchema>;
