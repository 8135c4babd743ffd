import { App } from "cdktf";
import { ClusterInventory } from "../lib/estate/cluster-inventory";
import type { ManagerSpec } from "../lib/estate/schema";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import { judgeEstate } from "../lib/rules/acknowledgements";
import { PROTECTION_RULES } from "../lib/rules/all-rules";
import { NsxtProtectionStack } from "./nsxt-protection-stack";
import { NsxvProtectionStack } from "./nsxv-protection-stack";
import type { ProtectionStack, ProtectionStackProps } from "./protection-stack";

/** How the stacks of an estate are built, beyond what the estate says. */
export interface EstateStacksOptions {
  /** Only these managers' stacks. @default - every manager's */
  readonly managers?: readonly string[];
  /**
   * Stacks that run no hook: what ksv adopt applies to record what runs without touching it.
   * @default false
   */
  readonly withoutHooks?: boolean;
  /** Each stack's local state file (StackProps.localStateFile). @default - next to cdktf.out */
  readonly localStateFile?: (manager: string) => string;
}

/** One stack per manager of a validated estate; its clusters are not validated again. */
/**
 * Everything of the estate a manager's stack is built from; addEstateStacks reads nothing else,
 * so equal inputs give equal stacks (with the same code). The acknowledgements are the estate's
 * whole list: what each stack gets of it is judged from the list.
 */
export function stackInputsOf(estate: ValidatedEstate, manager: ManagerSpec): unknown {
  const { ksc, resourceType, backend, hooks, acknowledge } = estate;
  return { manager, ksc, resourceType, backend, hooks, acknowledge };
}

export function addEstateStacks(
  app: App,
  estate: ValidatedEstate,
  options: EstateStacksOptions = {},
): ProtectionStack[] {
  const selected = options.managers;
  const managers = selected
    ? estate.managers.filter((m) => selected.includes(m.name))
    : estate.managers;
  // Each manager gets the acknowledgements that silence something there (and the stale ones that
  // apply to it), judged across the estate: an estate-wide one is not stale where it is not needed.
  const passedOn =
    estate.acknowledge.length === 0
      ? []
      : judgeEstate(PROTECTION_RULES, estate.managers, estate.acknowledge).passedOn;
  return managers.map((manager: ManagerSpec) => {
    const { name, kind, ...settings } = manager;
    const props: ProtectionStackProps = {
      ...settings,
      clusters: ClusterInventory.ofEstate(estate, name),
      ksc: estate.ksc,
      resourceType: estate.resourceType,
      backend: estate.backend,
      hooks: options.withoutHooks ? {} : estate.hooks,
      localStateFile: options.localStateFile?.(name),
      acknowledge: passedOn[estate.managers.indexOf(manager)] ?? [],
    };
    // NsxtProtectionStack's props do not admit monitoring; a validated estate has none, and the
    // protection rules stop the synth should one get here by another way.
    return kind === "nsx-v"
      ? new NsxvProtectionStack(app, name, props)
      : new NsxtProtectionStack(
          app,
          name,
          props as ProtectionStackProps & { trafficMode?: "standard" },
        );
  });
}
