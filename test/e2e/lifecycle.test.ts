import { estateOf, nsxtManager, nsxvManager, type EstateInput } from "../support/estates";
import { describeWithNullProvider } from "../support/providers";
import { changesOf, Scenario } from "../support/scenario";
import { type ResourceType } from "../../lib/contract";

/*
 * The lifecycle, end to end: the real terraform binary plans and applies synthesized stacks.
 * terraform_data always runs; null_resource runs where hashicorp/null can be installed.
 */

function estate(resourceType: ResourceType, dc1: Record<string, unknown> = {}): EstateInput {
  return estateOf([nsxvManager("dc1-nsxv", dc1), nsxtManager("dc2-nsxt")], { resourceType });
}

function lifecycle(type: ResourceType): void {
  const scenario = new Scenario(`lifecycle-${type}`);
  const deployment = (cluster: string) => `${type}.deployment["${cluster}"]`;
  const image = (cluster: string) => `${type}.svm_image["${cluster}"]`;
  const dc1Clusters = ["prod-a", "prod-b"];

  test("the first apply creates every resource; a second plan shows no changes", () => {
    scenario.synth(estate(type));
    const created = scenario.apply("dc1-nsxv");
    expect(changesOf(created)).toEqual({
      [`${type}.service_identity`]: "create",
      [`${type}.service`]: "create",
      [`${type}.nsx_objects`]: "create",
      [`${type}.threat_policy`]: "create",
      ...Object.fromEntries(dc1Clusters.map((c) => [deployment(c), "create"])),
      ...Object.fromEntries(dc1Clusters.map((c) => [image(c), "create"])),
    });
    scenario.apply("dc2-nsxt");
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
    expect(scenario.plan("dc2-nsxt").hasChanges).toBe(false);
  });

  test("NSX-T: the segment too; the first apply creates it", () => {
    const created = scenario.plan("dc2-nsxt");
    expect(changesOf(created)).toEqual({});
    expect(
      created.resource_changes!.filter((rc) => rc.address === `${type}.service_segment`),
    ).toHaveLength(1);
  });

  test("standard → monitoring replaces the service, every deployment and the NSX objects, nothing else", () => {
    scenario.synth(estate(type, { trafficMode: "monitoring" }));
    const plan = scenario.plan("dc1-nsxv");
    // The SVM images stay: the new deployments are deployed from the image of the day.
    expect(changesOf(plan)).toEqual({
      [`${type}.service_identity`]: "delete+create",
      [`${type}.service`]: "delete+create",
      [`${type}.nsx_objects`]: "delete+create",
      ...Object.fromEntries(dc1Clusters.map((c) => [deployment(c), "delete+create"])),
    });
    const service = plan.resource_changes!.find((rc) => rc.address === `${type}.service`)!;
    const key = type === "null_resource" ? "triggers" : "triggers_replace";
    expect((service.change.before![key] as Record<string, string>).traffic_mode).toBe("standard");
    expect((service.change.after![key] as Record<string, string>).traffic_mode).toBe("monitoring");
    // the other manager of the same estate is untouched
    expect(scenario.plan("dc2-nsxt").hasChanges).toBe(false);
  });

  test("after the apply, a new plan shows no changes", () => {
    scenario.apply("dc1-nsxv");
    expect(changesOf(scenario.plan("dc1-nsxv"))).toEqual({});
  });

  test("reordering hosts and clusters changes nothing, outputs included", () => {
    const reordered = estate(type, { trafficMode: "monitoring" });
    const clusters = reordered.managers[0].clusters;
    reordered.managers[0].clusters = [...clusters]
      .reverse()
      .map((c) => ({ ...c, hosts: [...c.hosts].reverse() }));
    scenario.synth(reordered);
    const plan = scenario.plan("dc1-nsxv");
    expect(plan.hasChanges).toBe(false);
    expect(changesOf(plan)).toEqual({});
  });

  test("adding or removing a host replaces no deployment: only the svm_hosts output changes", () => {
    const added = estate(type, { trafficMode: "monitoring" });
    added.managers[0].clusters[1].hosts.push("esx-b2.dc1-nsxv.local");
    scenario.synth(added);
    const plan = scenario.apply("dc1-nsxv");
    expect(changesOf(plan)).toEqual({});
    expect(plan.output_changes?.svm_hosts.actions).toEqual(["update"]);
    expect(plan.output_changes?.svm_hosts.after).toEqual({
      "prod-a": ["esx-a1.dc1-nsxv.local", "esx-a2.dc1-nsxv.local"],
      "prod-b": ["esx-b1.dc1-nsxv.local", "esx-b2.dc1-nsxv.local"],
    });

    const removed = estate(type, { trafficMode: "monitoring" });
    removed.managers[0].clusters[0].hosts = ["esx-a1.dc1-nsxv.local"];
    removed.managers[0].clusters[1].hosts.push("esx-b2.dc1-nsxv.local");
    scenario.synth(removed);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({});
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });

  test("a cluster added creates one deployment; its datastore changed replaces that one only", () => {
    const grown = estate(type, { trafficMode: "monitoring" });
    grown.managers[0].clusters[0].hosts = ["esx-a1.dc1-nsxv.local"];
    grown.managers[0].clusters[1].hosts.push("esx-b2.dc1-nsxv.local");
    grown.managers[0].clusters.push({
      name: "prod-c",
      datastore: "ds-c",
      network: "pg-mgmt",
      hosts: ["esx-c1.dc1-nsxv.local"],
    });
    scenario.synth(grown);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({
      [deployment("prod-c")]: "create",
      [image("prod-c")]: "create",
    });
    grown.managers[0].clusters[2].datastore = "ds-c2";
    scenario.synth(grown);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({
      [deployment("prod-c")]: "delete+create",
    });
    grown.managers[0].clusters.pop();
    scenario.synth(grown);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({
      [deployment("prod-c")]: "delete",
      [image("prod-c")]: "delete",
    });
  });

  test("a new SVM image upgrades each cluster in place: its svm_image, nothing else", () => {
    const upgraded = estate(type, {
      trafficMode: "monitoring",
      svmImageUrl: "https://repo.example.local/ksv/ntp-svm-6.2.ovf",
    });
    upgraded.managers[0].clusters[0].hosts = ["esx-a1.dc1-nsxv.local"];
    upgraded.managers[0].clusters[1].hosts.push("esx-b2.dc1-nsxv.local");
    scenario.synth(upgraded);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual(
      Object.fromEntries(dc1Clusters.map((c) => [image(c), "delete+create"])),
    );
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });

  test("a policy change (web addresses block → ignore) replaces the policy, no service or deployment", () => {
    const changed = estate(type, {
      trafficMode: "monitoring",
      svmImageUrl: "https://repo.example.local/ksv/ntp-svm-6.2.ovf",
      policy: { webAddresses: { action: "ignore" } },
    });
    changed.managers[0].clusters[0].hosts = ["esx-a1.dc1-nsxv.local"];
    changed.managers[0].clusters[1].hosts.push("esx-b2.dc1-nsxv.local");
    scenario.synth(changed);
    expect(changesOf(scenario.apply("dc1-nsxv"))).toEqual({
      [`${type}.threat_policy`]: "delete+create",
    });
    expect(scenario.plan("dc1-nsxv").hasChanges).toBe(false);
  });
}

describe("lifecycle with terraform_data", () => lifecycle("terraform_data"));
describeWithNullProvider("lifecycle with null_resource", () => lifecycle("null_resource"));
