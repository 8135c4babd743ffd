import { plural, PLAIN_TEXT, someOf, type TextStyle } from "../text";
import type { ReviewFinding } from "./model";

/*
 * The wording of findings, shared by both renderers so that the PR comment and the JSON
 * `message` say the same thing. Values pass through `style.value`, which quotes them for the
 * output format (a code span in markdown: lib/text).
 */

function clusterHosts(
  clusters: ReadonlyArray<{ readonly name: string; readonly hosts: readonly string[] }>,
  style: TextStyle,
): string {
  return clusters.map((c) => `${someOf(c.hosts, style)} in ${style.value(c.name)}`).join("; ");
}

function hostsOfClusters(hostCount: number, clusterCount: number): string {
  const clusters = plural(clusterCount, "cluster", "clusters");
  return `${clusters} (${plural(hostCount, "host", "hosts")})`;
}

export function describeReviewFinding(
  finding: ReviewFinding,
  style: TextStyle = PLAIN_TEXT,
): string {
  switch (finding.id) {
    case "traffic-mode-change":
      return `Traffic mode changes from ${style.value(finding.before)} to ${style.value(finding.after)}: the service is unregistered and registered again, and the SVMs of every cluster and the NSX objects are redeployed.`;
    case "service-replaced": {
      const why =
        finding.changedFields.length > 0
          ? ` (${finding.changedFields.map((f) => style.value(f)).join(", ")} ${finding.changedFields.length === 1 ? "changes" : "change"})`
          : "";
      return `The protection service is unregistered and registered again${why}.`;
    }
    case "service-deleted":
      return "The protection service is unregistered: Network Threat Protection ends on this manager.";
    case "segment-replaced":
      return "The service segment is removed and created again, and with it every service deployment.";
    case "segment-deleted":
      return "The service segment is removed: no SVM can be deployed on this manager without it.";
    case "deployments-replaced":
      return `The SVMs of ${hostsOfClusters(finding.hostCount, finding.clusterCount)} are removed and deployed again.`;
    case "deployments-deleted":
      return `The SVMs of ${hostsOfClusters(finding.hostCount, finding.clusterCount)} are removed and not deployed again: those hosts lose Network Threat Protection.`;
    case "nsx-objects-deleted":
      return "The NSX objects are removed: traffic is no longer redirected to the SVMs.";
    case "nsx-objects-replaced":
      return "The NSX objects are removed and created again: traffic is not redirected to the SVMs in between.";
    case "hosts-added":
      return `${plural(finding.hostCount, "host is", "hosts are")} added to the estate: ${clusterHosts(finding.clusters, style)}. NSX deploys their SVMs itself; no deployment changes and no hook runs.`;
    case "hosts-removed":
      return `${plural(finding.hostCount, "host is", "hosts are")} no longer expected: ${clusterHosts(finding.clusters, style)}. Their SVMs stay until the hosts leave their clusters; no deployment changes and no hook runs.`;
    case "traffic-mode-lock-removed":
      return "The traffic-mode lock is removed: a mode change is no longer stopped at plan time.";
    case "svms-upgraded":
      return `The SVMs of ${hostsOfClusters(finding.hostCount, finding.clusterCount)} are upgraded in place to a new image (upgradeSvms): NSX redeploys them host by host; the registration and the redirection stay. Each host has no running SVM while its own is redeployed.`;
    case "failure-policy-changed":
      return finding.managerKind === "nsx-v"
        ? `The failure policy changes from ${style.value(finding.before)} to ${style.value(finding.after)}. On NSX-V it is the service profile's failOpen: changing it unbinds the protected security groups from the profile meanwhile (Broadcom KB 327285), so their VMs are not protected while applyRules runs.`
        : `The failure policy of the service chain changes from ${style.value(finding.before)} to ${style.value(finding.after)} (applyRules, in place): ${finding.after === "block" ? "from now on a VM whose host has no running SVM loses its redirected traffic" : "from now on a VM whose host has no running SVM passes its traffic unscanned"}.`;
    case "redirection-reduced":
      return `Traffic no longer redirected to the SVMs, so no longer protected: ${someOf(finding.flows, style, 10)} (groups read as their own VMs; any: VMs in no group the rules name).`;
    case "rules-changed":
      return `${plural(finding.count, "redirection rule changes", "redirection rules change")}: applyRules writes the whole ordered list again, without removing it in between.`;
    case "groups-changed":
      return `${plural(finding.groups.length, "group changes", "groups change")} (${finding.groups.map((g) => style.value(g)).join(", ")}): applyGroup applies a group's members, removeGroup removes a group that left the estate; the service and its SVMs are not touched.`;
    case "group-removed-while-in-use":
      return `${finding.groups.map((g) => style.value(g)).join(", ")} ${finding.groups.length === 1 ? "is" : "are"} removed while the current rules name ${finding.groups.length === 1 ? "it" : "them"}: Terraform runs removeGroup and the applyRules that stops using ${finding.groups.length === 1 ? "it" : "them"} in no set order, and NSX refuses to delete a group a rule uses. The reference hook's removeGroup waits for the rules; a hook that does not wait fails the apply, and the group is removed by the next apply. To avoid it, remove the rule in one change and the group in the next.`;
    case "resource-type-switched":
      return finding.from === "null_resource"
        ? `The resources switch from ${style.value(finding.from)} to ${style.value(finding.to)} by deleting and creating them: every hook runs again. With Terraform 1.9 or later the stacks' moved blocks move them instead; plan with it.`
        : `The resources switch from ${style.value(finding.from)} to ${style.value(finding.to)} by deleting and creating them, which unregisters the service and redeploys every SVM: Terraform cannot move ${style.value(finding.from)} to ${style.value(finding.to)}. README (switching the resource type) gives the way without touching NSX: terraform state rm, then ksv adopt.`;
  }
}
