import { z } from "zod";
import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import { failurePolicy } from "./failure-policy";
import { DOMAIN, POLICY } from "./naming";
import type { NsxtRun } from "./run";

/*
 * applyRules: the stack's redirection policy (Policy API RedirectionPolicy,
 * `/infra/domains/default/redirection-policies/{id}`, API `method_PatchRedirectionPolicy`: rules
 * embedded; `redirect_to` the service chain, "only 1 is supported") with the estate's rules in
 * order (RedirectionRule: `sequence_number`, `source_groups` and `destination_groups` as group
 * paths or "ANY", `direction` IN | OUT | IN_OUT, `action` REDIRECT | DO_NOT_REDIRECT). Rules gone
 * from the estate are deleted (API `types_RedirectionRule`). The chain's `failure_policy`
 * is set here too, so a failure-policy change never replaces the service's objects.
 */

const DIRECTIONS = { in: "IN", out: "OUT", "in-out": "IN_OUT" } as const;
const ACTIONS = { redirect: "REDIRECT", "do-not-redirect": "DO_NOT_REDIRECT" } as const;

const groupList = z.array(z.string().min(1).max(255)).min(1).max(128);
const ruleSchema = z.strictObject({
  name: z.string().min(1).max(255),
  sources: groupList,
  destinations: groupList,
  direction: z.enum(["in", "out", "in-out"]),
  action: z.enum(["redirect", "do-not-redirect"]),
});
export type RedirectionRuleSpec = z.infer<typeof ruleSchema>;

interface StoredRule {
  readonly id: string;
  readonly display_name?: string;
  readonly sequence_number?: number;
  readonly source_groups?: string[];
  readonly destination_groups?: string[];
  readonly direction?: string;
  readonly action?: string;
}

export function parseRules(variable: string, json: string): RedirectionRuleSpec[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new HookError(`${variable} is not JSON; it must be a JSON array of rules`);
  }
  const parsed = z.array(ruleSchema).max(1000).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookError(
      `${variable}${issue.path.map((p) => `[${JSON.stringify(p)}]`).join("")}: ${issue.message}; each rule is {"name", "sources", "destinations", "direction": in|out|in-out, "action": redirect|do-not-redirect}`,
    );
  }
  const names = parsed.data.map((rule) => rule.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new HookError(`${variable}: rule "${twice}" is given twice`);
  for (const rule of parsed.data) {
    for (const list of [rule.sources, rule.destinations]) {
      if (list.includes("any") && list.length > 1) {
        throw new HookError(`${variable}: rule "${rule.name}" mixes "any" with groups`);
      }
    }
  }
  return parsed.data;
}

/** Group names → group paths ("any" → ANY), each group checked to exist. */
async function groupPaths(run: NsxtRun, rules: readonly RedirectionRuleSpec[]) {
  const names = [...new Set(rules.flatMap((r) => [...r.sources, ...r.destinations]))].filter(
    (name) => name !== "any",
  );
  const missing: string[] = [];
  for (const name of names) {
    if ((await run.nsx.find(`${POLICY}${run.names.groupPath(name)}`)) === undefined) {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    throw new HookError(
      `groups ${missing.map((m) => `"${m}"`).join(", ")} do not exist on ${run.nsx.where}: the applyGroup hook creates each group before the rules name it`,
    );
  }
  return (list: readonly string[]) =>
    list[0] === "any" ? ["ANY"] : list.map((name) => run.names.groupPath(name));
}

export async function applyRules(run: NsxtRun): Promise<void> {
  const rules = parseRules(CONTEXT_ENV.rules, run.ctx.optional(CONTEXT_ENV.rules) ?? "[]");
  const policy = failurePolicy(run);
  const { names } = run;
  if ((await run.nsx.find(`${POLICY}${names.serviceChainPath}`)) === undefined) {
    throw new HookError(
      `service chain ${names.serviceChainPath} does not exist on ${run.nsx.where}: the createObjects hook creates it before the rules redirect to it`,
    );
  }
  const paths = await groupPaths(run, rules);
  await run.nsx.patch(`${POLICY}${names.serviceChainPath}`, { failure_policy: policy });
  await run.nsx.patch(`${POLICY}${names.redirectionPolicyPath}`, {
    resource_type: "RedirectionPolicy",
    display_name: `ksv-${names.manager}-redirection`,
    description: "Kaspersky Network Threat Protection redirection (ksv-ntp-cdktf)",
    redirect_to: [names.serviceChainPath],
    rules: rules.map((rule, index) => ({
      resource_type: "RedirectionRule",
      id: names.ruleId(rule.name),
      display_name: rule.name,
      sequence_number: (index + 1) * 10,
      source_groups: paths(rule.sources),
      destination_groups: paths(rule.destinations),
      services: ["ANY"],
      direction: DIRECTIONS[rule.direction],
      action: ACTIONS[rule.action],
    })),
  });
  const wanted = new Set(rules.map((rule) => names.ruleId(rule.name)));
  const stale = (await storedRules(run)).filter((rule) => !wanted.has(rule.id));
  for (const rule of stale) {
    await run.nsx.delete(
      `${POLICY}${names.redirectionPolicyPath}/rules/${encodeURIComponent(rule.id)}`,
    );
  }
  run.log(
    `redirection policy ${names.redirectionPolicyPath}: ${rules.length} rules in order${stale.length ? `, ${stale.length} removed` : ""}; chain failure policy ${policy}`,
  );
}

async function storedRules(run: NsxtRun): Promise<StoredRule[]> {
  const rules = await run.nsx.list<StoredRule>(`${POLICY}${run.names.redirectionPolicyPath}/rules`);
  return rules.sort((a, b) => (a.sequence_number ?? 0) - (b.sequence_number ?? 0));
}

/** removeObjects' first step: the rules, then the policy that redirects to the chain. */
export async function removeRedirection(run: NsxtRun): Promise<void> {
  const path = `${POLICY}${run.names.redirectionPolicyPath}`;
  if ((await run.nsx.find(path)) === undefined) return;
  for (const rule of await storedRules(run)) {
    await run.nsx.delete(`${path}/rules/${encodeURIComponent(rule.id)}`);
  }
  await run.nsx.delete(path);
}

/** The redirection policy's rules read back in order, in the estate's form. */
export async function readRules(run: NsxtRun) {
  const policy = await run.nsx.find(`${POLICY}${run.names.redirectionPolicyPath}`);
  const chain = await run.nsx.find<{ failure_policy?: string }>(
    `${POLICY}${run.names.serviceChainPath}`,
  );
  const failure = chain ? (chain.failure_policy ?? "ALLOW").toLowerCase() : undefined;
  if (!policy) return { present: false, ...(failure ? { failurePolicy: failure } : {}), rules: [] };
  const groups = await run.nsx.list<{ path: string; display_name?: string }>(
    `${POLICY}${DOMAIN}/groups`,
  );
  const nameOf = (path: string) =>
    path.toUpperCase() === "ANY"
      ? "any"
      : (groups.find((g) => g.path === path)?.display_name ?? path);
  const reverse = <T extends string>(table: Record<string, T>, value: string | undefined) =>
    Object.keys(table).find((key) => table[key] === value) ?? value;
  const rules = (await storedRules(run)).map((rule) => ({
    name: rule.display_name ?? rule.id,
    sources: (rule.source_groups ?? []).map(nameOf),
    destinations: (rule.destination_groups ?? []).map(nameOf),
    direction: reverse(DIRECTIONS, rule.direction ?? "IN_OUT"),
    action: reverse(ACTIONS, rule.action),
  }));
  return { present: true, ...(failure ? { failurePolicy: failure } : {}), rules };
}
