import { z } from "zod";
import type { Role } from "../contract";

/*
 * What the site's `verify` hook prints: one JSON object describing what really exists for one
 * resource, read from NSX Manager and Kaspersky Security Center. More fields are allowed (a hook
 * may say more than is compared); these are the ones ksv adopt and ksv drift read.
 */

const hostList = z.array(z.string().min(1).max(253)).max(100_000);

export const OBSERVATIONS = {
  "protection-service": z.looseObject({
    registered: z.boolean(),
    trafficMode: z.enum(["standard", "monitoring"]).optional(),
  }),
  "service-segment": z.looseObject({ present: z.boolean() }),
  "service-deployment": z.looseObject({ deployed: z.boolean(), hosts: hostList.default([]) }),
  "nsx-objects": z.looseObject({ present: z.boolean() }),
  "threat-policy": z.looseObject({ present: z.boolean() }),
} as const;

/** Roles that stand for something in NSX or KSC; the traffic-mode lock is Terraform's alone. */
export type VerifiedRole = keyof typeof OBSERVATIONS;
export type Observation<R extends VerifiedRole = VerifiedRole> = z.output<(typeof OBSERVATIONS)[R]>;

export function isVerified(role: Role): role is VerifiedRole {
  return Object.prototype.hasOwnProperty.call(OBSERVATIONS, role);
}

/** What the hook must print for a role, for messages. */
export const EXPECTED_OUTPUT: Readonly<Record<VerifiedRole, string>> = {
  "protection-service": '{ "registered": true|false, "trafficMode": "standard"|"monitoring" }',
  "service-segment": '{ "present": true|false }',
  "service-deployment": '{ "deployed": true|false, "hosts": ["<host with a running SVM>", ...] }',
  "nsx-objects": '{ "present": true|false }',
  "threat-policy": '{ "present": true|false, ...the policy fields it can read }',
};

export type ParsedObservation =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly problem: string };

/** The hook's stdout as an observation of `role`, or what is wrong with it (never its text). */
export function parseObservation(role: VerifiedRole, stdout: string): ParsedObservation {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { ok: false, problem: `printed no JSON; it must print ${EXPECTED_OUTPUT[role]}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: `printed JSON that is not an object; expected ${EXPECTED_OUTPUT[role]}`,
    };
  }
  const parsed = OBSERVATIONS[role].safeParse(value);
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
