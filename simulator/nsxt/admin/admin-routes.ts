import type { RouteTable } from "../http/route-table";
import type { DeploymentLifecycle } from "../manager/deployment-lifecycle";

/**
 * Test controls. NOT part of NSX's API: they live under /_simulator/, a path NSX does not use, and
 * need no credentials.
 *
 *   POST /_simulator/fail-next-deployment   the next deployment ends in DEPLOYMENT_FAILED
 *   POST /_simulator/fail-next-upgrade      the next upgrade ends in UPGRADE_FAILED
 */
export function addAdminRoutes(routes: RouteTable, deployments: DeploymentLifecycle): void {
  routes.add("POST", "/_simulator/fail-next-deployment", () => {
    deployments.armFailure("deploy");
    return { status: 204 };
  });
  routes.add("POST", "/_simulator/fail-next-upgrade", () => {
    deployments.armFailure("upgrade");
    return { status: 204 };
  });
}
