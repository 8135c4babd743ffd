import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import { nsxErrorText } from "../http/nsx-client";
import { fromExpression, parseMembers, toExpression, type ReadMember } from "./group-members";
import { DOMAIN, POLICY } from "./naming";
import { pollUntil, secondsFrom, type NsxtRun } from "./run";

/*
 * applyGroup / removeGroup: a Policy Group in domain `default` (API `method_PatchGroupForDomain`,
 * idempotent; `types_Group`). NSX refuses to delete a group a rule still uses, and
 * Terraform may run removeGroup while the applyRules that stops using it is still running, so
 * removeGroup waits (polling, bounded by NSX_GROUP_IN_USE_WAIT_SECONDS) until no redirection rule
 * uses the group (API `types_RedirectionPolicy`, `types_RedirectionRule`:
 * `source_groups`, `destination_groups`, `scope`), then deletes it.
 */

export const GROUP_WAIT_ENV = "NSX_GROUP_IN_USE_WAIT_SECONDS";
export const DEFAULT_GROUP_WAIT_SECONDS = 300;

interface Group {
  readonly display_name?: string;
  readonly expression?: Record<string, unknown>[];
}

interface RedirectionObject {
  readonly id: string;
  readonly path?: string;
  readonly display_name?: string;
  readonly source_groups?: string[];
  readonly destination_groups?: string[];
  readonly scope?: string[];
}

export async function applyGroup(run: NsxtRun): Promise<void> {
  const name = run.ctx.required(CONTEXT_ENV.group);
  const members = parseMembers(
    CONTEXT_ENV.groupMembers,
    run.ctx.optional(CONTEXT_ENV.groupMembers) ?? "[]",
  );
  const path = run.names.groupPath(name);
  await run.nsx.patch(`${POLICY}${path}`, {
    display_name: name,
    description: "Kaspersky Network Threat Protection group (ksv-ntp-cdktf)",
    expression: toExpression(name, members),
  });
  run.log(`group "${name}" (${path}) has ${members.length} member criteria`);
}

/** "policy / rule" of every redirection rule that names `groupPath`. */
export async function rulesUsing(run: NsxtRun, groupPath: string): Promise<string[]> {
  const policies = await run.nsx.list<RedirectionObject>(`${POLICY}${DOMAIN}/redirection-policies`);
  const users: string[] = [];
  for (const policy of policies) {
    const rules = await run.nsx.list<RedirectionObject>(
      `${POLICY}${DOMAIN}/redirection-policies/${encodeURIComponent(policy.id)}/rules`,
    );
    for (const rule of rules) {
      const named = [
        ...(rule.source_groups ?? []),
        ...(rule.destination_groups ?? []),
        ...(rule.scope ?? []),
      ];
      if (named.includes(groupPath)) {
        users.push(`${policy.display_name ?? policy.id} / ${rule.display_name ?? rule.id}`);
      }
    }
  }
  return users;
}

export async function removeGroup(run: NsxtRun): Promise<void> {
  const name = run.ctx.required(CONTEXT_ENV.group);
  const path = run.names.groupPath(name);
  const limitSeconds = secondsFrom(run.ctx, GROUP_WAIT_ENV, DEFAULT_GROUP_WAIT_SECONDS);
  let users: string[] = [];
  let said = "";
  const removed = await pollUntil(limitSeconds * 1000, async () => {
    users = await rulesUsing(run, path);
    if (users.length === 0) {
      const reply = await run.nsx.send(
        "DELETE",
        `${POLICY}${path}`,
        undefined,
        [200, 204, 400, 404],
      );
      if (reply.status !== 400) return true;
      // In use by something that is not a redirection rule (a firewall rule, another group).
      users = [`NSX: ${nsxErrorText(reply)}`];
    }
    const now = users.join("; ");
    if (now !== said) {
      said = now;
      run.log(`group "${name}" is still used by ${now}; waiting (up to ${limitSeconds} s)`);
    }
    return undefined;
  });
  if (!removed) {
    throw new HookError(
      `group "${name}" (${path}) is still used by ${users.join("; ")} after ${limitSeconds} s (${GROUP_WAIT_ENV}); change or remove that rule (applyRules), then run removeGroup again`,
    );
  }
  run.log(`group "${name}" (${path}) removed`);
}

/** What NSX holds for a group: whether it exists and its members read back. */
export async function readGroup(
  run: NsxtRun,
  name: string,
): Promise<{ present: boolean; members: ReadMember[] }> {
  const group = await run.nsx.find<Group>(`${POLICY}${run.names.groupPath(name)}`);
  return group
    ? { present: true, members: fromExpression(group.expression) }
    : { present: false, members: [] };
}
