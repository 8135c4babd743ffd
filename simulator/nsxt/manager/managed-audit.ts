/**
 * The audit fields NSX sets on every Manager API resource it returns (ManagedResource:
 * `_create_user`, `_create_time`, `_last_modified_user`, `_last_modified_time`, `_system_owned`,
 * `_protection`, `_revision`). The simulator has one user, "admin", and owns nothing itself.
 */
export function managedAudit(times: {
  readonly created: number;
  readonly modified?: number;
  readonly revision?: number;
}): Record<string, unknown> {
  return {
    _create_user: "admin",
    _create_time: times.created,
    _last_modified_user: "admin",
    _last_modified_time: times.modified ?? times.created,
    _system_owned: false,
    _protection: "NOT_PROTECTED",
    _revision: times.revision ?? 0,
  };
}
