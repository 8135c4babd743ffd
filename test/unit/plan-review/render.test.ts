import {
  renderJson,
  renderMarkdown,
  REVIEW_MARKER,
  type PlanReview,
  type PlanReviewJson,
} from "../../../lib/plan-review";
import { reviewOf as review, stackPlan } from "../../support/plan-review-fixtures";
import { codeSpan } from "../../../lib/text";

const modeChange = { modeBefore: "standard", modeAfter: "monitoring" };

describe("markdown", () => {
  test("starts with the marker a CI job finds its comment by", () => {
    expect(renderMarkdown(review(stackPlan())).split("\n")[0]).toBe(REVIEW_MARKER);
  });

  test("the protection gap names the first five hosts, then lists every host in a details block", () => {
    const hosts = Array.from({ length: 240 }, (_, i) => `esx-${String(i).padStart(3, "0")}.dc9`);
    const markdown = renderMarkdown(review(stackPlan({ ...modeChange, hosts })));
    expect(markdown).toContain(
      "**Protection gap: 240 hosts** lose Network Threat Protection while their SVMs are removed and deployed again: `esx-000.dc9`, `esx-001.dc9`, `esx-002.dc9`, `esx-003.dc9`, `esx-004.dc9` and 235 more; their VMs' traffic passes unscanned meanwhile.",
    );
    const details = markdown.slice(
      markdown.indexOf("<details>"),
      markdown.lastIndexOf("</details>"),
    );
    expect(details).toMatch(
      /^<details><summary>All 240 hosts of the gap<\/summary>\n\n- `\S+` \(replaced\): /,
    );
    for (const host of hosts) expect(details).toContain(`\`${host}\``);
  });

  test("a gap of five hosts or fewer names them all, without a details block", () => {
    const hosts = ["esx-1.dc9", "esx-2.dc9"];
    const markdown = renderMarkdown(review(stackPlan({ ...modeChange, hosts })));
    expect(markdown).toContain("`esx-1.dc9`, `esx-2.dc9`; their VMs'");
    expect(markdown).not.toContain("<details>");
  });

  test("values from the plan cannot break the layout or inject markup", () => {
    const hostile = "esx|1`<img src=x onerror=alert(1)>\n## owned";
    const markdown = renderMarkdown(
      review(
        stackPlan({ ...modeChange, manager: "dc|9", hosts: [hostile] }),
        stackPlan({ manager: "dc8" }),
      ),
    );
    // A | in a table cell would split the row: it is escaped there.
    expect(markdown).toContain("| `dc\\|9` | NSX-V |");
    // Elsewhere the value stays in a code span, on one line, its backtick fenced.
    expect(markdown).toContain("``esx|1`<img src=x onerror=alert(1)> ## owned``");
    expect(markdown).not.toMatch(/^## owned/m);
  });

  test("Mermaid labels carry plan values as entities", () => {
    const markdown = renderMarkdown(
      review(stackPlan({ modeBefore: "standard", modeAfter: 'mon"itor<b>`' })),
    );
    expect(markdown).toContain(
      'register_service["4. Service registered (mon#34;itor#60;b#62;#96;)"]',
    );
  });

  test("code spans hold any text", () => {
    expect(codeSpan("plain")).toBe("`plain`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(codeSpan("x".repeat(500))).toHaveLength(122);
  });

  test("several managers get a summary table, one row each", () => {
    const markdown = renderMarkdown(
      review(
        stackPlan({ manager: "dc1-nsxv", ...modeChange }),
        stackPlan({ manager: "dc2-nsxt", kind: "nsx-t" }),
      ),
    );
    expect(markdown).toContain(
      "| `dc1-nsxv` | NSX-V | `standard` → `monitoring` | 3 replace | ⛔ disruptive |",
    );
    expect(markdown).toContain("| `dc2-nsxt` | NSX-T | `standard` | no changes | ✅ no changes |");
  });

  test("with --allow-disruptive the warning says the disruption is accepted", () => {
    const result = review(stackPlan(modeChange));
    expect(renderMarkdown(result)).toContain(
      "> [!CAUTION]\n> **Disruptive changes** on 1 NSX Manager",
    );
    expect(renderMarkdown(result, { allowDisruptive: true })).toContain(
      "> [!WARNING]\n> **Disruptive changes, allowed** on 1 NSX Manager",
    );
  });
});

describe("JSON", () => {
  const parsed = (result: PlanReview, allowDisruptive = false) =>
    JSON.parse(renderJson(result, { allowDisruptive })) as PlanReviewJson;

  test("the documented shape", () => {
    const json = parsed(review(stackPlan(modeChange)));
    expect(Object.keys(json)).toEqual([
      "version",
      "disruptive",
      "allowDisruptive",
      "exitCode",
      "inputs",
      "managers",
      "changedSince",
    ]);
    expect(json).toMatchObject({ version: 1, disruptive: true, exitCode: 2, changedSince: null });
    expect(json.inputs).toEqual([
      {
        source: "plans/stack-0.json",
        formatVersion: "1.2",
        terraformVersion: "1.11.4",
        complete: true,
        reviewedResourceCount: 4,
        ignoredResourceCount: 0,
        managers: ["dc9-nsxv"],
      },
    ]);
    const [manager] = json.managers;
    expect(Object.keys(manager)).toEqual([
      "name",
      "kind",
      "address",
      "sources",
      "disruptive",
      "hasChanges",
      "trafficMode",
      "counts",
      "findings",
      "protectionGap",
      "failurePolicy",
      "introspection",
      "serviceChanges",
      "policy",
      "applyOrder",
      "hasReplacements",
      "acknowledgedWarnings",
    ]);
    expect(manager.trafficMode).toEqual({ before: "standard", after: "monitoring", changed: true });
    expect(manager.counts["service-deployment"]).toEqual({
      create: 0,
      update: 0,
      replace: 1,
      delete: 0,
      "no-op": 0,
      forget: 0,
    });
    expect(manager.findings[0]).toEqual({
      id: "traffic-mode-change",
      before: "standard",
      after: "monitoring",
      severity: "disruptive",
      message:
        "Traffic mode changes from standard to monitoring: the service is unregistered and registered again, and the SVMs of every cluster and the NSX objects are redeployed.",
    });
    expect(manager.protectionGap).toEqual({
      effect: "unscanned",
      hostCount: 2,
      hosts: ["esx-1.dc9.local", "esx-2.dc9.local"],
      clusters: [
        {
          name: "prod-a",
          hostCount: 2,
          hostsKnown: true,
          cause: "replaced",
          effect: "unscanned",
        },
      ],
    });
    expect(manager.applyOrder.steps.map((s) => s.id)).toEqual([
      "remove-nsx-objects",
      "remove-svms",
      "unregister-service",
      "register-service",
      "deploy-svms",
      "create-nsx-objects",
    ]);
  });

  test("--allow-disruptive keeps the facts and changes the exit code", () => {
    const json = parsed(review(stackPlan(modeChange)), true);
    expect(json).toMatchObject({ disruptive: true, allowDisruptive: true, exitCode: 0 });
  });
});
