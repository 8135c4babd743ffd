import { environmentName, type HookName } from "../contract";

/*
 * What a read-only hook is told, the way Terraform tells the other hooks: KSV_HOOK, and each key
 * of what it is asked about as KSV_<KEY> (lib/contract's keys), so that one site script reads the
 * same variables whichever hook runs it.
 */

/** KSV_HOOK and each defined value as KSV_<KEY>. */
export function hookContext(
  hook: HookName,
  values: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = { KSV_HOOK: hook };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) env[environmentName(key)] = value;
  }
  return env;
}
