import { plural, shorten } from "../text";
import type { ApplyOrder, ApplyStep } from "./model";

/*
 * The order of the apply as a Mermaid flowchart: the steps that run, in the order lib/contract
 * gives (the order the constructs write into the stack). Labels are escaped for Mermaid.
 */

/** Mermaid label text: anything but plain characters becomes an entity (`#35;`). */
function mermaidText(text: string): string {
  return shorten(text).replace(/[^\w .:/@()+,-]/gu, (ch) => `#${ch.codePointAt(0)};`);
}

/** `2 clusters, 120 hosts` */
function svmScope(step: ApplyStep): string {
  const clusters = plural(step.count, "cluster", "clusters");
  return step.hostCount ? `${clusters}, ${plural(step.hostCount, "host", "hosts")}` : clusters;
}

function stepLabel(step: ApplyStep): string {
  const mode = step.trafficMode ? ` (${step.trafficMode})` : "";
  switch (step.id) {
    case "remove-nsx-objects":
      return "NSX objects removed, and with them the redirection";
    case "remove-groups":
      return `Groups removed: ${step.count}`;
    case "remove-svms":
      return `SVMs removed: ${svmScope(step)}`;
    case "remove-segment":
      return "Service segment removed";
    case "unregister-service":
      return `Service unregistered${mode}`;
    case "register-service":
      return `Service registered${mode}`;
    case "create-segment":
      return "Service segment created";
    case "deploy-svms":
      return `SVMs deployed: ${svmScope(step)}`;
    case "upgrade-svms":
      return `SVMs upgraded in place: ${svmScope(step)}`;
    case "create-nsx-objects":
      return "NSX objects created";
    case "apply-groups":
      return `Group members applied: ${step.count}`;
    case "apply-rules":
      return "Redirection rules written";
  }
}

export function mermaidDiagram(order: ApplyOrder): string[] {
  const node = (id: string) => id.replace(/-/g, "_");
  const lines = ["```mermaid", "flowchart TD"];
  order.steps.forEach((step, index) => {
    lines.push(`  ${node(step.id)}["${index + 1}. ${mermaidText(stepLabel(step))}"]`);
  });
  for (const [from, to] of order.edges) lines.push(`  ${node(from)} --> ${node(to)}`);
  if (order.policy) {
    const label = order.policy === "apply" ? "Threat policy applied" : "Threat policy removed";
    lines.push(`  threat_policy(["${label}, independently"])`);
  }
  lines.push("```");
  return lines;
}
