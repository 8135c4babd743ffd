import { z } from "zod";
import { ANY_GROUP, FAILURE_POLICIES, RULE_ACTIONS, RULE_DIRECTIONS } from "../../contract";
import { checkTrafficSource, INVENTORY_NAME, OBJECT_NAME, TAG, TRAFFIC_SOURCE } from "../grammar";
import { quote } from "../messages";
import { BEYOND_SCHEMA } from "../validation";
import { uniqueList } from "./common";

/*
 * What NSX redirects to the SVMs, and what a missing SVM does to it: NSX groups (NSX-T) or
 * Service Composer security groups (NSX-V), ordered redirection (Network Introspection) rules,
 * and the failure policy. Without this section a stack manages none of it (README).
 */

/** Ours: the product documentation names no default for NSX-T's chain (README: failure policy). */
export const DEFAULT_FAILURE_POLICY = "allow";

const objectName = (what: string) =>
  z
    .string()
    .regex(OBJECT_NAME, {
      error: (issue) =>
        `${quote(issue.input)} is not a valid ${what} (lowercase letters, digits, - and _, at most 63)`,
    })
    .meta({ pattern: OBJECT_NAME.source });

const groupName = objectName("group name")
  .refine((name) => name !== ANY_GROUP, {
    message: `"${ANY_GROUP}" is reserved: in rules it means every VM; name the group otherwise`,
  })
  .meta({ not: { const: ANY_GROUP } });

const memberSchema = z.union(
  [
    z.strictObject({
      tag: z.string().regex(TAG, { error: (i) => `${quote(i.input)} is not a valid NSX tag` }),
      scope: z
        .string()
        .regex(TAG, { error: (i) => `${quote(i.input)} is not a valid NSX tag scope` })
        .optional(),
    }),
    z.strictObject({
      vmNameStartsWith: z.string().regex(INVENTORY_NAME, {
        error: (i) => `${quote(i.input)} is not a valid start of a VM name`,
      }),
    }),
    z.strictObject({
      ipAddress: z
        .string()
        .superRefine((value, ctx) => {
          const check = checkTrafficSource(value);
          if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
        })
        .meta({ pattern: TRAFFIC_SOURCE.source }),
    }),
  ],
  {
    error: () =>
      "must be one criterion: { tag: <tag>, scope?: <scope> }, { vmNameStartsWith: <text> } or { ipAddress: <address or subnet> }",
  },
);

export const groupSchema = z.strictObject({
  name: groupName,
  members: z.array(memberSchema).min(1).meta({
    description: "A VM is a member when it matches any of these criteria.",
  }),
});

const groupReference = objectName("group name").or(z.literal(ANY_GROUP));

export const ruleSchema = z.strictObject({
  name: objectName("rule name"),
  sources: uniqueList(groupReference).min(1).meta({ description: 'Group names, or "any".' }),
  destinations: uniqueList(groupReference).min(1).meta({ description: 'Group names, or "any".' }),
  direction: z.enum(RULE_DIRECTIONS).default("in-out"),
  action: z.enum(RULE_ACTIONS),
});

function firstIndexes<T>(items: readonly T[], key: (item: T) => string) {
  const first = new Map<string, number>();
  const repeats: Array<{ index: number; first: number; key: string }> = [];
  items.forEach((item, index) => {
    const k = key(item);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, index);
    else repeats.push({ index, first: seen, key: k });
  });
  return { first, repeats };
}

export const introspectionSchema = z
  .strictObject({
    failurePolicy: z.enum(FAILURE_POLICIES).default(DEFAULT_FAILURE_POLICY).meta({
      description:
        "What redirected traffic does while its host has no running SVM: allow (passes unscanned) or block.",
    }),
    groups: z.array(groupSchema).default([]),
    rules: z
      .array(ruleSchema)
      .default([])
      .meta({ description: "In order: the first rule that matches a flow applies." }),
  })
  .superRefine((section, ctx) => {
    const groups = firstIndexes(section.groups, (g) => g.name);
    for (const { index, first, key } of groups.repeats) {
      ctx.addIssue({
        code: "custom",
        path: ["groups", index, "name"],
        params: BEYOND_SCHEMA,
        message: `group ${quote(key)} is already defined at groups[${first}]; define each group once`,
      });
    }
    for (const { index, first, key } of firstIndexes(section.rules, (r) => r.name).repeats) {
      ctx.addIssue({
        code: "custom",
        path: ["rules", index, "name"],
        params: BEYOND_SCHEMA,
        message: `rule ${quote(key)} is already the name of rules[${first}]; rule names must be unique`,
      });
    }
    section.rules.forEach((rule, r) => {
      for (const side of ["sources", "destinations"] as const) {
        rule[side].forEach((name, i) => {
          if (name === ANY_GROUP || groups.first.has(name)) return;
          ctx.addIssue({
            code: "custom",
            path: ["rules", r, side, i],
            params: BEYOND_SCHEMA,
            message: `group ${quote(name)} is not defined in introspection.groups; define it there, or name "${ANY_GROUP}"`,
          });
        });
      }
    });
  })
  .meta({
    description:
      "NSX groups, ordered redirection rules and the failure policy. Absent: the stack manages none of them.",
  });

export type Introspection = z.output<typeof introspectionSchema>;
export type IntrospectionInput = z.input<typeof introspectionSchema>;
export type GroupSpec = z.output<typeof groupSchema>;
export type RuleSpec = z.output<typeof ruleSchema>;
