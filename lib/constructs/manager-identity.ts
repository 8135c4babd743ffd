import { type ManagerKind } from "../contract";

/** Which NSX Manager a construct belongs to. */
export interface ManagerIdentity {
  /** Stack-style name: lowercase letters, digits and '-'. Literal. */
  readonly name: string;
  /** Literal. */
  readonly kind: ManagerKind;
  /** Host name or IPv4 address of the NSX Manager. May be a token. */
  readonly address: string;
}

/** The keys every resource of a manager carries, so that hooks and readers of plans know it. */
export function managerTriggers(manager: ManagerIdentity) {
  return {
    manager: manager.name,
    manager_kind: manager.kind,
    manager_address: manager.address,
  } as const;
}
