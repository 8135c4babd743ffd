import { renderMarkdown } from "../../../lib/plan-review";
import { mermaidBlocks, parseMermaid, type MermaidResult } from "../../support/mermaid";
import {
  planOf,
  reviewOf as review,
  stackChanges,
  stackPlan,
} from "../../support/plan-review-fixtures";

/*
 * Every Mermaid diagram the plan review writes, parsed by the real mermaid parser (11.x, with a
 * jsdom window, as GitHub renders them): the order of the apply in each kind of plan, and plan
 * values made to break a diagram. A diagram GitHub cannot draw fails here.
 */

const hostile = 'mon"itor<b>`]) --> x["#;&amp;\n%%{init}%%';

const plans = {
  "NSX-V mode change": [stackPlan({ modeBefore: "standard", modeAfter: "monitoring" })],
  "NSX-T removed stack": [stackPlan({ kind: "nsx-t", actions: ["delete"] })],
  "NSX-T re-registration": [stackPlan({ kind: "nsx-t", actions: ["delete", "create"] })],
  "a cluster removed": [
    stackPlan({ clusters: { a: ["esx-1"], b: ["esx-2"] }, clustersAfter: { a: ["esx-1"] } }),
  ],
  "hostile values": [
    stackPlan({ modeBefore: "standard", modeAfter: hostile, manager: hostile }),
    planOf(stackChanges({ manager: "m2", modeBefore: hostile, modeAfter: "standard" })),
  ],
};

const diagrams = Object.entries(plans).flatMap(([name, documents]) =>
  mermaidBlocks(renderMarkdown(review(...documents))).map((text) => ({ name, text })),
);

let results: MermaidResult[];
beforeAll(async () => {
  // A broken diagram goes last: the parser must reject it, or the check proves nothing.
  results = await parseMermaid([...diagrams.map((d) => d.text), 'flowchart TD\n  a["x" --> b\n']);
});

test("each kind of disruptive plan has a diagram", () => {
  expect(new Set(diagrams.map((d) => d.name))).toEqual(new Set(Object.keys(plans)));
});

test.each(diagrams.map((d, i) => [d.name, i] as const))("%s: the diagram parses", (_name, i) => {
  expect(results[i]).toEqual({ ok: true, diagramType: "flowchart-v2" });
});

test("the parser does reject a broken diagram", () => {
  expect(results[results.length - 1].ok).toBe(false);
});
