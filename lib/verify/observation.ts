import { z } from "zod";
import {
  FAILURE_POLICIES,
  RULE_ACTIONS,
  RULE_DIRECTIONS,
  TRAFFIC_MODES,
  type Role,
  type VerifiedRole,
  VERIFIED_ROLES,
} from "../contract";
import { MAX_ANSWER_HOSTS, readAnswerObject } from "../hook-runner/answer-json";

/*
 * What the site's `verify` hook prints: one JSON object describing what really exists for one
 * resource, read from NSX Manager and Kaspersky Security Center. More fields are allowed (a hook
 * may say more than is compared); these are the ones ksv adopt and ksv drift read.
 */

const hostList = z.array(z.string().min(1).max(253)).max(MAX_ANSWER_HOSTS);

// Parsing the answer before its schema is every read-only hook's (lib/hook-runner).

const name = z.string().min(1).max(256);

const member = z.union([
  z.strictObject({ tag: name, scope: name.optional() }),
  z.strictObject({ vmNameStartsWith: name }),
  z.strictObject({ ipAddress: name }),
]);

const rule = z.looseObject({
  name,
  sources: z.array(name),
  destinations: z.array(name),
  direction: z.enum(RULE_DIRECTIONS),
  action: z.enum(RULE_ACTIONS),
});

/**
 * What is compared must be said: a field adopt or drift compares is required where the thing
 * exists (a registration without its mode would otherwise read as the mode the estate asks for).
 */
const presentWith = <T extends z.ZodRawShape>(flag: string, fields: T) =>
  z
    .looseObject({ [flag]: z.boolean(), ...z.object(fields).partial().shape })
    .superRefine((value, ctx) => {
      if (value[flag] !== true) return;
      for (const field of Object.keys(fields)) {
        if (value[field] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `is required when ${flag} is true: it is what is compared with the estate`,
          });
        }
      }
    });

export const OBSERVATIONS = {
  "protection-service": presentWith("registered", { trafficMode: z.enum(TRAFFIC_MODES) }),
  "service-segment": z.looseObject({ present: z.boolean() }),
  "service-deployment": z.looseObject({ deployed: z.boolean(), hosts: hostList.default([]) }),
  "svm-image": z.looseObject({
    /** The image the cluster's SVMs run; null where there is no deployment. */
    svmImageUrl: z.string().max(4096).nullable(),
    upgrading: z.boolean().default(false),
  }),
  "nsx-objects": z.looseObject({ present: z.boolean() }),
  "group-members": presentWith("present", { members: z.array(member).max(10_000) }),
  "redirection-rules": presentWith("present", {
    failurePolicy: z.enum(FAILURE_POLICIES),
    rules: z.array(rule).max(10_000),
  }),
  "threat-policy": z.looseObject({ present: z.boolean() }),
} as const satisfies Record<VerifiedRole, z.ZodType>;

export type Observation<R extends VerifiedRole = VerifiedRole> = z.output<(typeof OBSERVATIONS)[R]>;

export function isVerified(role: Role): role is VerifiedRole {
  return (VERIFIED_ROLES as readonly Role[]).includes(role);
}

/** What the hook must print for a role, for messages. */
export const EXPECTED_OUTPUT: Readonly<Record<VerifiedRole, string>> = {
  "protection-service":
    '{ "registered": true, "trafficMode": "standard"|"monitoring" } or { "registered": false }',
  "service-segment": '{ "present": true|false }',
  "service-deployment": '{ "deployed": true|false, "hosts": ["<host with a running SVM>", ...] }',
  "svm-image": '{ "svmImageUrl": "<image of the cluster\'s SVMs>"|null, "upgrading": true|false }',
  "nsx-objects": '{ "present": true|false }',
  "group-members":
    '{ "present": true, "members": [<criteria, as KSV_GROUP_MEMBERS>] } or { "present": false }',
  "redirection-rules":
    '{ "present": true, "failurePolicy": "allow"|"block", "rules": [<in order, as KSV_RULES>] } or { "present": false }',
  "threat-policy": '{ "present": true|false, ...the policy fields it can read }',
};

export type ParsedObservation =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly problem: string };

/** The hook's stdout as an observation of `role`, or what is wrong with it (never its text). */
export function parseObservation(role: VerifiedRole, stdout: string): ParsedObservation {
  const answer = readAnswerObject(stdout, EXPECTED_OUTPUT[role]);
  if (!answer.ok) return answer;
  const parsed = OBSERVATIONS[role].safeParse(answer.value);
  if (!parsed.success) {
    const where = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "(object)"}: ${issue.message}`)
      .join("; ");
    return {
      ok: false,
      problem: `printed an object that does not fit (${where}); expected ${EXPECTED_OUTPUT[role]}`,
    };
  }
  return { ok: true, observation: parsed.data as Observation };
}
