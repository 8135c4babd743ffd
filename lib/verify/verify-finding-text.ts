import { PLAIN_TEXT, type TextStyle } from "../text";
import type { VerifyFinding } from "./compare";

/** A verify finding in words, the same for ksv adopt's refusal and ksv drift's report. */
export function describeVerifyFinding(
  finding: VerifyFinding,
  style: TextStyle = PLAIN_TEXT,
): string {
  const v = (text: string | null) => style.value(text ?? "(none)");
  const cluster = finding.cluster === null ? "" : ` of cluster ${v(finding.cluster)}`;
  switch (finding.id) {
    case "service-not-registered":
      return `The protection service is not registered in the manager (expected: registered in ${v(finding.expected)} mode).`;
    case "service-mode-differs":
      return `The protection service is registered in ${v(finding.found)} mode; expected ${v(finding.expected)}.`;
    case "segment-missing":
      return "The NSX-T service segment does not exist: no SVM can be connected.";
    case "cluster-not-deployed":
      return `Cluster ${v(finding.cluster)} has no service deployment (expected ${finding.expected ?? "SVMs"}): its hosts have no SVM.`;
    case "svm-missing":
      return `Host ${v(finding.host)}${cluster} has no running SVM.`;
    case "svm-unexpected":
      return `Host ${v(finding.host)} runs an SVM${cluster} but the estate does not list it.`;
    case "objects-missing":
      return "The NSX objects (service profile, groups, redirection policy) do not exist: traffic is not redirected to the SVMs.";
    case "policy-missing":
      return "The threat policy does not exist in Kaspersky Security Center.";
    case "svm-image-differs":
      return `The SVMs of cluster ${v(finding.cluster)} run ${v(finding.found)}; expected ${v(finding.expected)} (an upgrade that did not happen or did not finish).`;
    case "svm-upgrade-in-progress":
      return `The SVMs of cluster ${v(finding.cluster)} are being upgraded (NSX reports an upgrade in progress).`;
    case "group-missing":
      return `NSX group ${v(finding.group)} does not exist: the rules that name it redirect none of its VMs.`;
    case "group-members-differ":
      return `NSX group ${v(finding.group)} has other members than applied: ${finding.expected ? `missing ${v(finding.expected)}` : ""}${finding.expected && finding.found ? "; " : ""}${finding.found ? `extra ${v(finding.found)}` : ""}.`;
    case "rules-missing":
      return "The redirection rules do not exist in NSX: no traffic is redirected to the SVMs.";
    case "rules-differ":
      return `The redirection rules differ from those applied: NSX has ${v(finding.found)}; expected ${v(finding.expected)}.`;
    case "failure-policy-differs":
      return `The failure policy is ${v(finding.found)}; expected ${v(finding.expected)}.`;
    case "policy-differs":
      return `The threat policy has ${v(`${finding.field}: ${finding.found}`)}; expected ${v(finding.expected)}.`;
  }
}
