import { resource as nullResource, provider as nullProvider } from "@cdktf/provider-null";
import { App, Testing } from "cdktf";
import { TerraformData } from "../../lib/constructs/terraform-data";
import { NsxtProtectionStack } from "../../stacks/nsxt-protection-stack";
import { NsxvProtectionStack } from "../../stacks/nsxv-protection-stack";
import { DEFAULT_POLICY } from "../support/plan-review-fixtures";
import {
  estateOf,
  nsxtManager,
  nsxvManager,
  resources,
  synthEstate,
  triggersOf,
  type ManagerInput,
} from "../support/estates";

const minimalProps = {
  address: "nsxv.example.local",
  svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
  ksc: { address: "ksc.example.local" },
  clusters: [{ name: "c1", datastore: "ds1", network: "net1", hosts: ["esx1.example.local"] }],
};

describe("one stack per manager", () => {
  const stacks = synthEstate(estateOf([nsxvManager("dc1-nsxv"), nsxtManager("dc2-nsxt")]));

  test("each manager of the estate becomes a stack named after it", () => {
    expect(Object.keys(stacks)).toEqual(["dc1-nsxv", "dc2-nsxt"]);
  });

  test("each stack declares the service (and its identity), the deployments and their images, the NSX objects and the threat policy by role; NSX-T the segment too", () => {
    const rolesOf = (stack: (typeof stacks)[string]) =>
      Object.fromEntries(
        Object.entries(resources(stack)).map(([name, r]) => [name, triggersOf(r).role]),
      );
    const common = {
      service_identity: "service-identity",
      service: "protection-service",
      deployment: "service-deployment",
      svm_image: "svm-image",
      nsx_objects: "nsx-objects",
      threat_policy: "threat-policy",
    };
    expect(rolesOf(stacks["dc1-nsxv"])).toEqual(common);
    expect(rolesOf(stacks["dc2-nsxt"])).toEqual({
      ...common,
      service_segment: "service-segment",
    });
  });

  test("the service stores its manager, manager kind and traffic mode", () => {
    expect(triggersOf(resources(stacks["dc1-nsxv"]).service)).toMatchObject({
      manager: "dc1-nsxv",
      manager_kind: "nsx-v",
      manager_address: "dc1-nsxv.example.local",
      traffic_mode: "standard",
      ksc_port: "13000",
    });
    expect(triggersOf(resources(stacks["dc2-nsxt"]).service).manager_kind).toBe("nsx-t");
  });

  test("one service deployment per cluster, keyed by cluster name; the hosts in an output", () => {
    const stack = stacks["dc1-nsxv"];
    const deployment = resources(stack).deployment;
    expect(triggersOf(deployment)).toMatchObject({
      role: "service-deployment",
      cluster: "${each.key}",
      datastore: "${each.value.datastore}",
      network: "${each.value.network}",
      ip_pool: "${each.value.ip_pool}",
    });
    expect(triggersOf(deployment).host).toBeUndefined();
    expect(deployment.for_each).toBe("${local.svm_clusters}");
    expect(stack.locals).toEqual({
      svm_hosts: {
        "prod-a": ["esx-a1.dc1-nsxv.local", "esx-a2.dc1-nsxv.local"],
        "prod-b": ["esx-b1.dc1-nsxv.local"],
      },
      svm_clusters: {
        "prod-a": { datastore: "ds-a", network: "pg-mgmt", ip_pool: "", compute_manager: "" },
        "prod-b": { datastore: "ds-b", network: "pg-mgmt", ip_pool: "", compute_manager: "" },
      },
    });
    expect(stack.output).toEqual({
      svm_hosts: expect.objectContaining({ value: "${local.svm_hosts}" }),
    });
  });

  test("an NSX IP pool reaches the deployment; without one, DHCP (empty)", () => {
    const [withPool] = Object.values(
      synthEstate(
        estateOf([
          nsxvManager("dc1-nsxv", {
            clusters: [
              { name: "c1", datastore: "d", network: "n", ipPool: "svm-pool", hosts: ["esx1"] },
            ],
          }),
        ]),
      ),
    );
    expect(withPool.locals?.svm_clusters).toEqual({
      c1: { datastore: "d", network: "n", ip_pool: "svm-pool", compute_manager: "" },
    });
  });

  test("deploySvms gets the cluster's hosts (KSV_HOSTS); removeSvms only what the instance holds", () => {
    const [stack] = Object.values(
      synthEstate(
        estateOf([nsxvManager("dc1-nsxv")], {
          hooks: { deploySvms: "./deploy.sh", removeSvms: "./remove.sh" },
        }),
      ),
    );
    const [create, destroy] = resources(stack).deployment.provisioner!.map((p) => p["local-exec"]);
    expect(create.environment).toMatchObject({
      KSV_HOOK: "deploySvms",
      KSV_CLUSTER: "${self.triggers_replace.cluster}",
      KSV_IP_POOL: "${self.triggers_replace.ip_pool}",
      KSV_HOSTS: '${join(",", local.svm_hosts[each.key])}',
    });
    expect(destroy.when).toBe("destroy");
    expect(destroy.environment?.KSV_HOSTS).toBeUndefined();
    expect(Object.values(destroy.environment!).join()).not.toMatch(/local\./);
  });

  test("NSX objects follow the manager kind", () => {
    expect(triggersOf(resources(stacks["dc1-nsxv"]).nsx_objects).objects).toBe(
      "service-profile,security-group,security-policy",
    );
    expect(triggersOf(resources(stacks["dc2-nsxt"]).nsx_objects).objects).toContain(
      "service-chain",
    );
  });
});

describe("lifecycle semantics", () => {
  const stack = synthEstate(estateOf([nsxvManager()]))["dc1-nsxv"];
  const r = resources(stack);

  test("deployments and NSX objects are replaced whenever the service is (bare references Terraform accepts)", () => {
    expect(r.deployment.lifecycle?.replace_triggered_by).toEqual(["terraform_data.service"]);
    expect(r.nsx_objects.lifecycle?.replace_triggered_by).toEqual(["terraform_data.service"]);
    expect(JSON.stringify(stack)).not.toContain('"${terraform_data.service}"');
  });

  test("dependencies give the documented order: service, then SVMs, then the objects that redirect to them", () => {
    expect(r.deployment.depends_on).toEqual(["terraform_data.service"]);
    expect(r.nsx_objects.depends_on).toEqual([
      "terraform_data.service",
      "terraform_data.deployment",
    ]);
  });

  test("NSX-T: the deployments wait for the service segment, which no service replacement touches", () => {
    const t = resources(synthEstate(estateOf([nsxtManager("dc2-nsxt")]))["dc2-nsxt"]);
    expect(t.deployment.depends_on).toEqual([
      "terraform_data.service",
      "terraform_data.service_segment",
    ]);
    expect(t.deployment.lifecycle?.replace_triggered_by).toEqual([
      "terraform_data.service",
      "terraform_data.service_segment",
    ]);
    expect(t.service_segment.lifecycle).toBeUndefined();
    expect(t.service_segment.depends_on).toBeUndefined();
    expect(triggersOf(t.nsx_objects).objects).not.toContain("segment");
  });

  test("the traffic mode is part of the service's identity", () => {
    const monitoring = resources(
      synthEstate(estateOf([nsxvManager("dc1-nsxv", { trafficMode: "monitoring" })]))["dc1-nsxv"],
    );
    expect(triggersOf(monitoring.service).traffic_mode).toBe("monitoring");
    expect(triggersOf(r.service).traffic_mode).toBe("standard");
  });

  test("the threat policy neither depends on the service nor carries the traffic mode", () => {
    expect(r.threat_policy.depends_on).toBeUndefined();
    expect(r.threat_policy.lifecycle).toBeUndefined();
    expect(triggersOf(r.threat_policy).traffic_mode).toBeUndefined();
  });

  test("a policy change touches the policy's triggers only", () => {
    const changed = resources(
      synthEstate(
        estateOf([nsxvManager("dc1-nsxv", { policy: { webAddresses: { action: "ignore" } } })]),
      )["dc1-nsxv"],
    );
    expect(changed.service).toEqual(r.service);
    expect(changed.deployment).toEqual(r.deployment);
    expect(changed.nsx_objects).toEqual(r.nsx_objects);
    expect(JSON.parse(triggersOf(changed.threat_policy).policy).webAddresses.action).toBe("ignore");
    expect(JSON.parse(triggersOf(r.threat_policy).policy).webAddresses.action).toBe("block");
  });

  test("the policy stored is complete, defaults applied (the plan-review fixtures' default policy)", () => {
    expect(JSON.parse(triggersOf(r.threat_policy).policy)).toEqual(DEFAULT_POLICY);
  });
});

describe("host identity", () => {
  const base = nsxvManager();
  const synthStack = (manager: ManagerInput) => synthEstate(estateOf([manager]))["dc1-nsxv"];

  test("reordering hosts and clusters synthesizes the same JSON", () => {
    const reordered = {
      ...base,
      clusters: [...base.clusters].reverse().map((c) => ({ ...c, hosts: [...c.hosts].reverse() })),
    };
    expect(JSON.stringify(synthStack(reordered))).toBe(JSON.stringify(synthStack(base)));
  });

  test("adding a host changes its cluster's host list only: no resource, no cluster", () => {
    const added = structuredClone(base);
    added.clusters[1].hosts.push("esx-b0.dc1-nsxv.local");
    const before = synthStack(base);
    const after = synthStack(added);
    expect((after.locals!.svm_hosts as Record<string, string[]>)["prod-b"]).toEqual([
      "esx-b0.dc1-nsxv.local",
      "esx-b1.dc1-nsxv.local",
    ]);
    expect(after.locals!.svm_clusters).toEqual(before.locals!.svm_clusters);
    expect(after.resource).toEqual(before.resource);
  });

  test("host lists are in one order whatever the case of the names", () => {
    const mixed = structuredClone(base);
    mixed.clusters[0].hosts = ["esx-B.local", "esx-a.local", "ESX-c.local"];
    const hosts = synthStack(mixed).locals!.svm_hosts as Record<string, string[]>;
    expect(hosts["prod-a"]).toEqual(["esx-a.local", "esx-B.local", "ESX-c.local"]);
  });
});

describe("resource types", () => {
  test("null_resource (the default) stores triggers and requires hashicorp/null", () => {
    const app = Testing.app();
    const stack = new NsxvProtectionStack(app, "dc1", minimalProps);
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(nullResource.Resource, {
      triggers: expect.objectContaining({ role: "protection-service", traffic_mode: "standard" }),
    });
    expect(json).toHaveProvider(nullProvider.NullProvider);
    // "null" is Terraform's short form of registry.terraform.io/hashicorp/null
    expect(JSON.parse(json).terraform.required_providers.null).toMatchObject({
      source: "null",
      version: "3.2.4",
    });
    const deployment = JSON.parse(json).resource.null_resource.deployment;
    expect(deployment.lifecycle.replace_triggered_by).toEqual(["null_resource.service"]);
    expect(deployment.triggers.cluster).toBe("${each.key}");
    expect(deployment.for_each).toBe("${local.svm_clusters}");
  });

  test("terraform_data stores triggers_replace and needs no provider", () => {
    const app = Testing.app();
    const stack = new NsxvProtectionStack(app, "dc1", {
      ...minimalProps,
      resourceType: "terraform_data",
    });
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(TerraformData, {
      triggers_replace: expect.objectContaining({
        role: "service-deployment",
        cluster: "${each.key}",
      }),
    });
    expect(JSON.parse(json).provider).toBeUndefined();
    expect(JSON.parse(json).terraform.required_providers).toBeUndefined();
  });
});

describe("NSX-T stacks", () => {
  test("reject monitoring at synth, naming the manager and the ignore actions", () => {
    const app = Testing.app();
    // A JavaScript caller (or a cast) can pass what the props type forbids; the synth still refuses.
    const props = { ...minimalProps, trafficMode: "monitoring" } as unknown as {
      trafficMode: "standard";
    };
    const stack = new NsxtProtectionStack(app, "dc9-nsxt", { ...minimalProps, ...props });
    expect(() => Testing.synth(stack)).toThrow(
      /dc9-nsxt is an NSX-T Manager.*always runs in Standard mode.*ignore action/s,
    );
  });

  test("the refusal cannot be switched off with the App's skipValidation", () => {
    const app = new App({ skipValidation: true, outdir: Testing.app().outdir });
    const props = { ...minimalProps, trafficMode: "monitoring" } as unknown as {
      trafficMode: "standard";
    };
    new NsxtProtectionStack(app, "dc9-nsxt", { ...minimalProps, ...props });
    expect(() => app.synth()).toThrow(/NSX-T/);
  });
  // That the props type refuses monitoring is a type test: test/types/props.types.ts.
});

describe("monitoring with actions", () => {
  const warningsOf = (manager: ManagerInput) => {
    const app = Testing.app();
    const stack = new NsxvProtectionStack(app, manager.name, {
      ...minimalProps,
      trafficMode: manager.trafficMode as "monitoring",
      policy: manager.policy as object,
    });
    Testing.synth(stack);
    return stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === "@cdktf/warn")
      .map((m) => String(m.data))
      .filter((warning) => warning.includes("KSV-MONITORING-NO-ACTION"));
  };

  test("synthesizes with a warning naming the manager", () => {
    const warnings = warningsOf(nsxvManager("dc1-nsxv", { trafficMode: "monitoring" }));
    expect(warnings).toEqual([
      expect.stringMatching(
        /manager dc1-nsxv runs in monitoring mode, where no action is taken: networkAttack.action is terminate-and-block/,
      ),
    ]);
  });

  test("says nothing when every action is ignore", () => {
    const ignoring = {
      networkAttack: { action: "ignore" },
      networkActivity: { action: "ignore" },
      webAddresses: { action: "ignore" },
    };
    expect(
      warningsOf(nsxvManager("dc1-nsxv", { trafficMode: "monitoring", policy: ignoring })),
    ).toEqual([]);
  });
});

describe("traffic mode lock", () => {
  test("lockTrafficMode adds a traffic_mode_lock that Terraform may not destroy", () => {
    const r = resources(
      synthEstate(estateOf([nsxvManager("dc1-nsxv", { lockTrafficMode: true })]))["dc1-nsxv"],
    );
    expect(r.traffic_mode_lock.lifecycle?.prevent_destroy).toBe(true);
    expect(triggersOf(r.traffic_mode_lock)).toEqual({
      role: "traffic-mode-lock",
      manager: "dc1-nsxv",
      traffic_mode: "standard",
    });
    // the service itself stays replaceable: its identity replaces it, never prevented
    expect(r.service.lifecycle?.prevent_destroy).toBeUndefined();
    expect(r.service.lifecycle?.replace_triggered_by).toEqual(["terraform_data.service_identity"]);
  });

  test("is absent by default", () => {
    expect(
      resources(synthEstate(estateOf([nsxvManager()]))["dc1-nsxv"]).traffic_mode_lock,
    ).toBeUndefined();
  });
});

describe("state backends", () => {
  test("local state is a relative path, outside cdktf.out", () => {
    const stack = synthEstate(estateOf([nsxvManager()]))["dc1-nsxv"];
    expect(stack.terraform.backend).toEqual({
      local: { path: "../../../terraform.dc1-nsxv.tfstate" },
    });
  });

  test("pg state gets a schema per stack and never a connection string", () => {
    const previous = process.env.PG_CONN_STR;
    process.env.PG_CONN_STR = "postgres://admin:s3cret-marker@db.example.local/terraform";
    try {
      const stacks = synthEstate(
        estateOf([nsxvManager("dc1-nsxv"), nsxtManager("dc2-nsxt")], {
          backend: { type: "pg", schemaName: "ksv" },
        }),
      );
      expect(stacks["dc1-nsxv"].terraform.backend).toEqual({ pg: { schema_name: "ksv_dc1_nsxv" } });
      expect(stacks["dc2-nsxt"].terraform.backend).toEqual({ pg: { schema_name: "ksv_dc2_nsxt" } });
      expect(JSON.stringify(stacks)).not.toContain("s3cret-marker");
    } finally {
      if (previous === undefined) delete process.env.PG_CONN_STR;
      else process.env.PG_CONN_STR = previous;
    }
  });

  test("pg with one schema for the estate", () => {
    const stacks = synthEstate(
      estateOf([nsxvManager()], {
        backend: { type: "pg", schemaName: "team_a", schemaPer: "estate" },
      }),
    );
    expect(stacks["dc1-nsxv"].terraform.backend).toEqual({ pg: { schema_name: "team_a" } });
  });
});

describe("library API", () => {
  test("a stack builds from minimal props, with documented defaults", () => {
    const app = Testing.app();
    const stack = new NsxvProtectionStack(app, "dc1", minimalProps);
    expect(stack.protection.spec).toMatchObject({
      trafficMode: "standard",
      lockTrafficMode: false,
    });
    expect(stack.protection.service.ksc.port).toBe(13000);
    expect(stack.protection.fleet.hosts).toEqual(["esx1.example.local"]);
  });

  test("invalid props fail in the constructor, naming the construct and the property", () => {
    const app = Testing.app();
    expect(
      () =>
        new NsxvProtectionStack(app, "dc1", {
          ...minimalProps,
          clusters: [{ name: "c1", datastore: "ds1", network: "net1", hosts: ["esx1;reboot"] }],
        }),
    ).toThrow(
      /dc1\/protection\/fleet: invalid props:\n {2}clusters\[0\]\.hosts\[0\]: "esx1;reboot" is not a valid host name/,
    );
  });

  test("a stack name must be usable as a folder and state name", () => {
    expect(() => new NsxvProtectionStack(Testing.app(), "DC 1", minimalProps)).toThrow(
      /NsxvProtectionStack "DC 1".*name: must be lowercase/s,
    );
  });
});
