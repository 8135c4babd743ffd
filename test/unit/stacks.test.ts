import { resource as nullResource, provider as nullProvider } from "@cdktf/provider-null";
import { App, Testing } from "cdktf";
import { TerraformData } from "../../lib/constructs/terraform-data";
import { NsxtProtectionStack } from "../../stacks/nsxt-protection-stack";
import { NsxvProtectionStack } from "../../stacks/nsxv-protection-stack";
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

  test("each stack declares the service, the SVMs, the NSX objects and the threat policy by role", () => {
    for (const stack of Object.values(stacks)) {
      const roles = Object.fromEntries(
        Object.entries(resources(stack)).map(([name, r]) => [name, triggersOf(r).role]),
      );
      expect(roles).toEqual({
        service: "protection-service",
        svm: "svm",
        nsx_objects: "nsx-objects",
        threat_policy: "threat-policy",
      });
    }
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

  test("each SVM stores its host and cluster, one instance per host keyed by host name", () => {
    const stack = stacks["dc1-nsxv"];
    const svm = resources(stack).svm;
    expect(triggersOf(svm)).toMatchObject({
      role: "svm",
      host: "${each.key}",
      cluster: "${each.value}",
      datastore: "${local.svm_clusters[each.value].datastore}",
    });
    expect(svm.for_each).toBe("${local.svm_hosts}");
    expect(stack.locals).toEqual({
      svm_hosts: {
        "esx-a1.dc1-nsxv.local": "prod-a",
        "esx-a2.dc1-nsxv.local": "prod-a",
        "esx-b1.dc1-nsxv.local": "prod-b",
      },
      svm_clusters: {
        "prod-a": { datastore: "ds-a", network: "pg-mgmt" },
        "prod-b": { datastore: "ds-b", network: "pg-mgmt" },
      },
    });
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

  test("SVMs and NSX objects are replaced whenever the service is (bare references Terraform accepts)", () => {
    expect(r.svm.lifecycle?.replace_triggered_by).toEqual(["terraform_data.service"]);
    expect(r.nsx_objects.lifecycle?.replace_triggered_by).toEqual(["terraform_data.service"]);
    expect(JSON.stringify(stack)).not.toContain('"${terraform_data.service}"');
  });

  test("dependencies give the documented order: service, then SVMs, then the objects that redirect to them", () => {
    expect(r.svm.depends_on).toEqual(["terraform_data.service"]);
    expect(r.nsx_objects.depends_on).toEqual(["terraform_data.service", "terraform_data.svm"]);
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
    expect(changed.svm).toEqual(r.svm);
    expect(changed.nsx_objects).toEqual(r.nsx_objects);
    expect(JSON.parse(triggersOf(changed.threat_policy).policy).webAddresses.action).toBe("ignore");
    expect(JSON.parse(triggersOf(r.threat_policy).policy).webAddresses.action).toBe("block");
  });

  test("the policy stored is complete, defaults applied", () => {
    expect(JSON.parse(triggersOf(r.threat_policy).policy)).toEqual({
      networkAttack: { action: "terminate-and-block", blockMinutes: 60 },
      networkActivity: { monitor: true, categories: ["adware"], action: "block" },
      webAddresses: { enabled: true, action: "block", categories: ["malicious", "phishing"] },
      exclusions: [],
    });
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

  test("adding a host adds exactly one instance key, the others unchanged", () => {
    const added = structuredClone(base);
    added.clusters[1].hosts.push("esx-b9.dc1-nsxv.local");
    const before = synthStack(base);
    const after = synthStack(added);
    const keys = (stack: typeof before) => Object.keys(stack.locals!.svm_hosts as object);
    expect(keys(after).filter((k) => !keys(before).includes(k))).toEqual(["esx-b9.dc1-nsxv.local"]);
    expect({ ...after.locals, svm_hosts: undefined }).toEqual({
      ...before.locals,
      svm_hosts: undefined,
    });
    expect(after.resource).toEqual(before.resource);
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
    const svm = JSON.parse(json).resource.null_resource.svm;
    expect(svm.lifecycle.replace_triggered_by).toEqual(["null_resource.service"]);
    expect(svm.triggers.host).toBe("${each.key}");
    expect(svm.for_each).toBe("${local.svm_hosts}");
  });

  test("terraform_data stores triggers_replace and needs no provider", () => {
    const app = Testing.app();
    const stack = new NsxvProtectionStack(app, "dc1", {
      ...minimalProps,
      resourceType: "terraform_data",
    });
    const json = Testing.synth(stack, true);
    expect(json).toHaveResourceWithProperties(TerraformData, {
      triggers_replace: expect.objectContaining({ role: "svm", host: "${each.key}" }),
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
      .map((m) => String(m.data));
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
    // the service itself stays replaceable (an image upgrade is not a mode change)
    expect(r.service.lifecycle).toBeUndefined();
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
