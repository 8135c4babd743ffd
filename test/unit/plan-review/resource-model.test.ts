import { renderJson, renderMarkdown, reviewExitCode } from "../../../lib/plan-review";
import {
  instanceValues,
  planOf,
  resourceChange,
  stackChanges,
  stackPlan,
  type PlanFixture,
  reviewOf as review,
} from "../../support/plan-review-fixtures";

/* How the review reads resources: by role, whatever the type; everything else is left out. */

const SECRET = "s3cr3t-Passw0rd";

/** A resource of another provider in the same plan, holding a secret. */
const awsInstance = resourceChange({
  type: "aws_instance",
  name: "jumphost",
  actions: ["delete"],
  before: { id: "i-0abc", ami: "ami-123", user_data: `PASSWORD=${SECRET}` },
});

describe("resources of other types", () => {
  const plan = planOf([...stackChanges({ manager: "dc9-nsxv" }), awsInstance]);

  test("are left out of the review, counted as not reviewed", () => {
    const result = review(plan);
    expect(result.managers.map((m) => m.name)).toEqual(["dc9-nsxv"]);
    expect(result.inputs[0]).toMatchObject({ reviewedResourceCount: 4, ignoredResourceCount: 1 });
    // Deleting the aws_instance is not ours to judge.
    expect(result.disruptive).toBe(false);
    expect(reviewExitCode(result, false)).toBe(0);
  });

  test("never show up in either rendering", () => {
    const result = review(plan);
    for (const text of [renderMarkdown(result), renderJson(result)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("jumphost");
      expect(text).not.toContain("ami-123");
    }
    expect(renderMarkdown(result)).toContain("1 other resource not reviewed");
  });

  test("a null_resource or terraform_data without one of our roles is another resource too", () => {
    const foreign = resourceChange({
      type: "null_resource",
      name: "site_script",
      actions: ["delete"],
      before: instanceValues("null_resource", { role: "backup", manager: "dc9-nsxv" }),
    });
    const result = review(planOf([foreign]));
    expect(result.managers).toEqual([]);
    expect(result.inputs[0].ignoredResourceCount).toBe(1);
    expect(renderMarkdown(result)).toContain("hold no Network Threat Protection resources");
  });

  test("data source reads change nothing", () => {
    const changes = stackChanges().map((rc) => ({
      ...rc,
      change: { ...(rc.change as object), actions: ["read"] },
    }));
    const result = review(planOf(changes));
    expect(result.managers).toEqual([]);
  });
});

describe("null_resource stacks (keys in `triggers`) read like terraform_data ones", () => {
  const modeChange = { modeBefore: "standard", modeAfter: "monitoring" };

  test.each(["null_resource", "terraform_data"] as const)("%s: a traffic-mode change", (type) => {
    const result = review(stackPlan({ type, ...modeChange }));
    const [manager] = result.managers;
    expect(manager.trafficMode).toEqual({ before: "standard", after: "monitoring" });
    expect(manager.counts["service-deployment"].replace).toBe(1);
    expect(manager.protectionGap?.hosts).toEqual(["esx-1.dc9.local", "esx-2.dc9.local"]);
    expect(manager.findings.map((f) => f.id)).toEqual([
      "traffic-mode-change",
      "service-replaced",
      "deployments-replaced",
    ]);
    expect(reviewExitCode(result, false)).toBe(2);
  });

  test("the role is found on either side: a delete has only `before`, a create only `after`", () => {
    const result = review(
      planOf([
        ...stackChanges({ type: "null_resource", manager: "old", actions: ["delete"] }),
        ...stackChanges({ type: "null_resource", manager: "new", actions: ["create"] }),
      ]),
    );
    expect(result.managers.map((m) => [m.name, m.counts["protection-service"]])).toEqual([
      ["old", expect.objectContaining({ delete: 1 })],
      ["new", expect.objectContaining({ create: 1 })],
    ]);
  });
});

describe("a resource type switch", () => {
  test("terraform_data → null_resource (no move possible): disruptive, saying what to do instead", () => {
    const result = review(
      planOf([
        ...stackChanges({ type: "terraform_data", actions: ["delete"] }),
        ...stackChanges({ type: "null_resource", actions: ["create"] }),
      ]),
    );
    const [manager] = result.managers;
    expect(manager.findings.map((f) => f.id)).toContain("resource-type-switched");
    expect(reviewExitCode(result, false)).toBe(2);
    expect(renderMarkdown(result)).toContain(
      "Terraform cannot move `terraform_data` to `null_resource`. README (switching the resource type) gives the way without touching NSX: terraform state rm, then ksv adopt.",
    );
  });
});

describe("actions", () => {
  test('["create","delete"] (create before destroy) is a replacement like ["delete","create"]', () => {
    const result = review(stackPlan({ actions: ["create", "delete"] }));
    const [manager] = result.managers;
    expect(manager.counts["protection-service"].replace).toBe(1);
    expect(manager.counts["service-deployment"].replace).toBe(1);
    expect(manager.disruptive).toBe(true);
  });

  test("a plan with no resource changes at all", () => {
    const plan = planOf([]);
    delete (plan as Partial<PlanFixture>).resource_changes;
    const result = review(plan);
    expect(result).toMatchObject({ managers: [], disruptive: false });
    expect(reviewExitCode(result, false)).toBe(0);
  });
});

describe("values Terraform marks sensitive", () => {
  test("are shown as (sensitive), never in clear", () => {
    const changes = stackChanges({ modeBefore: "standard", modeAfter: "monitoring" }).map((rc) =>
      rc.name === "service"
        ? {
            ...rc,
            change: {
              ...(rc.change as object),
              before_sensitive: { triggers_replace: { ksc_address: true } },
              after_sensitive: { triggers_replace: { ksc_address: true } },
            },
          }
        : rc,
    );
    // The address changes too, so the review would show it if it did not respect the marks.
    const service = changes.find((rc) => rc.name === "service") as {
      change: { after: { triggers_replace: Record<string, string> } };
    };
    service.change.after.triggers_replace.ksc_address = "ksc-new.example.local";
    const result = review(planOf(changes));
    const text = renderMarkdown(result) + renderJson(result);
    expect(text).not.toContain("ksc.example.local");
    expect(text).not.toContain("ksc-new.example.local");
    // Hidden, but not silent: the reviewer learns that the address changes.
    expect(result.managers[0].serviceChanges).toEqual([
      { field: "traffic_mode", before: "standard", after: "monitoring" },
      { field: "ksc_address", before: "(sensitive)", after: "(sensitive)" },
    ]);
    expect(renderMarkdown(result)).toContain("`ksc_address: (sensitive) → (sensitive)`");
  });
});

describe("findings", () => {
  test("NSX objects replaced without the service (a new object list) are a notice, not a disruption", () => {
    const changes = stackChanges().map((rc) =>
      rc.name === "nsx_objects"
        ? { ...rc, change: { ...(rc.change as object), actions: ["delete", "create"] } }
        : rc,
    );
    const result = review(planOf(changes));
    expect(result.managers[0].findings).toEqual([{ id: "nsx-objects-replaced" }]);
    expect(reviewExitCode(result, false)).toBe(0);
    expect(renderMarkdown(result)).toContain(
      "- The NSX objects are removed and created again: traffic is not redirected to the SVMs in between.",
    );
  });

  test("NSX objects deleted alone are disruptive", () => {
    const changes = stackChanges().map((rc) =>
      rc.name === "nsx_objects"
        ? { ...rc, change: { ...(rc.change as object), actions: ["delete"], after: null } }
        : rc,
    );
    const result = review(planOf(changes));
    expect(result.managers[0].findings).toEqual([{ id: "nsx-objects-deleted" }]);
    expect(reviewExitCode(result, false)).toBe(2);
  });
});

test("credentials in the SVM image URL of a hand-edited stack are masked", () => {
  const changes = stackChanges({ actions: ["delete", "create"] }).map((rc) => {
    if (rc.name !== "service") return rc;
    const change = JSON.parse(JSON.stringify(rc.change));
    change.after.triggers_replace.svm_image_url = `https://ksv:${SECRET}@repo.example.local/ntp.ovf`;
    return { ...rc, change };
  });
  const result = review(planOf(changes));
  const markdown = renderMarkdown(result);
  expect(markdown).toContain(
    "`svm_image_url: https://repo.example.local/ksv/ntp-svm.ovf → https://***@repo.example.local/ntp.ovf`",
  );
  expect(markdown + renderJson(result)).not.toContain(SECRET);
});
