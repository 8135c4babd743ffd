import { provider as nullProvider, resource as nullResource } from "@cdktf/provider-null";
import { TerraformLocal, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import {
  NetworkThreatProtection,
  type NetworkThreatProtectionProps,
} from "../../lib/constructs/network-threat-protection";
import { PROTECTION_RULES } from "../../lib/rules/all-rules";
import { runRules } from "../../lib/rules/rule";
import { NsxvProtectionStack } from "../../stacks/nsxv-protection-stack";
import { resources, triggersOf, type SynthesizedStackJson } from "../support/estates";

/*
 * A library user may give a value Terraform resolves later (a TerraformVariable, a TerraformLocal,
 * another resource's attribute) where the stack only passes it on: the synthesized stack holds the
 * reference. Where the value shapes the stack or the rules judge it, a token is an error naming
 * the property.
 */

const literalProps = {
  name: "dc1-nsxv",
  kind: "nsx-v",
  address: "nsx.example.local",
  svmImageUrl: "https://repo.example.local/ksv/ntp-svm.ovf",
  ksc: { address: "ksc.example.local" },
  clusters: [{ name: "c1", datastore: "ds1", network: "net1", hosts: ["esx1.example.local"] }],
  resourceType: "terraform_data",
  hooks: { register: "./register.sh", deploySvms: "./deploy.sh" },
} satisfies NetworkThreatProtectionProps;

/** A stack of the user's own with variables, a local and a resource the protection refers to. */
function tokenStack() {
  const stack = new TerraformStack(Testing.app(), "site");
  new nullProvider.NullProvider(stack, "null");
  const tokens = {
    kscAddress: new TerraformVariable(stack, "ksc_address", { type: "string" }),
    kscPort: new TerraformVariable(stack, "ksc_port", { type: "number" }),
    image: new TerraformVariable(stack, "svm_image_url", { type: "string" }),
    datastore: new TerraformLocal(stack, "datastore", "vsan-prod-a"),
    manager: new nullResource.Resource(stack, "nsx_manager"),
  };
  return { stack, tokens };
}

function synth(stack: TerraformStack): SynthesizedStackJson {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStackJson;
}

describe("values Terraform resolves later may be tokens", () => {
  const { stack, tokens } = tokenStack();
  const protection = new NetworkThreatProtection(stack, "protection", {
    ...literalProps,
    address: tokens.manager.id,
    svmImageUrl: tokens.image.stringValue,
    ksc: { address: tokens.kscAddress.stringValue, port: tokens.kscPort.numberValue },
    clusters: [
      {
        name: "c1",
        datastore: tokens.datastore.asString,
        network: "net1",
        ipPool: `pool-${tokens.kscAddress.stringValue}`,
        hosts: ["esx1.example.local"],
      },
    ],
  });
  const json = synth(stack);
  const r = resources(json);

  test("the KSC address and port, the image URL and the manager address reach the stack as references", () => {
    expect(triggersOf(r.service)).toMatchObject({
      ksc_address: "${var.ksc_address}",
      ksc_port: "${tostring(var.ksc_port)}",
      svm_image_url: "${var.svm_image_url}",
      manager_address: "${null_resource.nsx_manager.id}",
    });
    expect(triggersOf(r.service_identity).ksc_address).toBe("${var.ksc_address}");
    expect(triggersOf(r.svm_image).svm_image_url).toBe("${var.svm_image_url}");
    expect(triggersOf(r.threat_policy).manager_address).toBe("${null_resource.nsx_manager.id}");
    const [deploy] = r.deployment.provisioner!.map((p) => p["local-exec"]);
    expect(deploy.environment?.KSV_SVM_IMAGE_URL).toBe("${var.svm_image_url}");
  });

  test("a datastore from a local (and a pool name built around a variable) reach the inventory as references", () => {
    expect(json.locals?.svm_clusters).toEqual({
      c1: {
        datastore: "${local.datastore}",
        network: "net1",
        ip_pool: "pool-${var.ksc_address}",
        compute_manager: "",
      },
    });
    expect(r.deployment.for_each).toBe("${local.svm_clusters}");
    // The hosts are literal: pre-resolved as always.
    expect(json.locals?.svm_hosts).toEqual({ c1: ["esx1.example.local"] });
  });

  test("no token text is left in the stack", () => {
    expect(JSON.stringify(json)).not.toMatch(/TfToken|TOKEN\.\d/);
  });

  test("the rules judge what is literal, and say the same as of the literal manager", () => {
    const literal = new NetworkThreatProtection(new TerraformStack(Testing.app(), "l"), "p", {
      ...literalProps,
      policy: { webAddresses: { categories: ["advertising"] } },
    });
    const withTokens = new NetworkThreatProtection(tokenStack().stack, "p", {
      ...literalProps,
      address: tokens.manager.id,
      policy: { webAddresses: { categories: ["advertising"] } },
    });
    const judged = (p: NetworkThreatProtection) =>
      runRules(PROTECTION_RULES, p.spec).map((f) => [f.ruleId, f.message]);
    expect(judged(withTokens)).toEqual(judged(literal));
    expect(judged(withTokens).map(([id]) => id)).toEqual(["KSV-WEB-KSN"]);
    expect(Token.isUnresolved(protection.spec.svmImageUrl)).toBe(true);
  });

  test("a token is not validated, but the literal values around it still are", () => {
    const { stack: other, tokens: t } = tokenStack();
    expect(
      () =>
        new NetworkThreatProtection(other, "p", {
          ...literalProps,
          svmImageUrl: t.image.stringValue,
          ksc: { address: "ksc;reboot", port: t.kscPort.numberValue },
        }),
    ).toThrow(/p: invalid props:\n {2}ksc\.address: "ksc;reboot" is not a valid host name/);
  });
});

describe("values that shape the stack must be literal", () => {
  const TOKEN_ERROR =
    "is a token (a TerraformVariable, a TerraformLocal or a resource's attribute), but must be a literal value: ";

  function problemsOf(change: (t: ReturnType<typeof tokenStack>["tokens"]) => object): string[] {
    const { stack, tokens } = tokenStack();
    try {
      new NetworkThreatProtection(stack, "protection", {
        ...literalProps,
        ...change(tokens),
      } as NetworkThreatProtectionProps);
    } catch (error) {
      return (error as Error).message.split("\n");
    }
    throw new Error("expected the props to be refused");
  }

  test("the manager kind and the traffic mode: one line each, naming the property and why", () => {
    expect(
      problemsOf((t) => ({ kind: t.image.stringValue, trafficMode: t.image.stringValue })),
    ).toEqual([
      "site/protection: invalid props:",
      `  kind: ${TOKEN_ERROR}it decides which resources the stack holds (the NSX-T service segment, the NSX objects) and which rules apply`,
      `  trafficMode: ${TOKEN_ERROR}the protection rules judge it at synth (NSX-T has standard only) and a change re-registers the service`,
    ]);
  });

  test("a cluster's name (a for_each key) and its hosts", () => {
    expect(
      problemsOf((t) => ({
        clusters: [
          { name: t.datastore.asString, datastore: "ds", network: "n", hosts: ["esx1"] },
          { name: "c2", datastore: "ds", network: "n", hosts: ["esx2", t.kscAddress.stringValue] },
        ],
      })),
    ).toEqual([
      "site/protection/fleet: invalid props:",
      `  clusters[0].name: ${TOKEN_ERROR}the clusters' names are the deployments' for_each keys and state addresses`,
      `  clusters[1].hosts[1]: ${TOKEN_ERROR}each host is checked to be listed once and the hosts are sorted for stable plans, which needs their names at synth`,
    ]);
  });

  test("the clusters as one list, the policy, the hooks, the lock and the name", () => {
    const problems = problemsOf((t) => ({
      name: t.kscAddress.stringValue,
      lockTrafficMode: t.kscAddress.booleanValue,
      policy: { webAddresses: { trustedAddresses: [t.kscAddress.stringValue] } },
      hooks: { register: `./register.sh ${t.kscAddress.stringValue}` },
    }));
    expect(problems.map((p) => p.split(":")[0].trim())).toEqual([
      "site/protection",
      "name",
      "hooks.register",
      "lockTrafficMode",
      "policy.webAddresses.trustedAddresses[0]",
    ]);
    expect(problems[2]).toContain("a hook command reaches the shell as written");
    expect(
      problemsOf((t) => ({ clusters: t.kscAddress.listValue }))
        .slice(1)
        .map((p) => p.trim()),
    ).toEqual([
      `clusters: ${TOKEN_ERROR}the clusters' names are the deployments' for_each keys and state addresses`,
    ]);
  });

  test("the stack's name and its backend", () => {
    const app = Testing.app();
    const variable = new TerraformVariable(new TerraformStack(app, "vars"), "name", {});
    expect(() => new NsxvProtectionStack(app, variable.stringValue, literalProps)).toThrow(
      /^NsxvProtectionStack: invalid props:\n {2}name: is a token .*: it names the stack/,
    );
    expect(
      () =>
        new NsxvProtectionStack(app, "dc1", {
          ...literalProps,
          localStateFile: variable.stringValue,
        }),
    ).toThrow(/localStateFile: is a token .*Terraform reads the backend before any variable/);
  });
});
