/**
 * The audit fields NSX sets on every resource it returns, of both APIs (ManagedResource:
 * `_create_user`, `_create_time`, `_last_modified_user`, `_last_modified_time`, `_system_owned`,
 * `_protection`, `_revision`). Manager API objects are shown as created by "admin" (the
 * inventory and the partner service exist before any client); Policy objects by the user that
 * wrote them. Nothing is system-owned.
 */
export function managedAudit(
  times: { readonly created: number; readonly modified?: number; readonly revision?: number },
  user = "admin",
): Record<string, unknown> {
  return {
    _create_user: user,
    _create_time: times.created,
    _last_modified_user: user,
    _last_modified_time: times.modified ?? times.created,
    _system_owned: false,
    _protection: "NOT_PROTECTED",
    _revision: times.revision ?? 0,
  };
}
