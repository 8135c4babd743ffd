/*
 * The hand-written equivalent of one manager's stack, in HCL: what a Terraform user would write
 * without cdktf. Same resources (service, svm with for_each over the hosts, nsx_objects,
 * threat_policy), same trigger keys and values, same depends_on and replace_triggered_by, same
 * required_version. The host map is a `locals` block (a site would generate it or keep it in a
 * .tf file of its own); everything else is the text a person would type.
 */

export interface HandWrittenManager {
  readonly name: string;
  readonly kind: "nsx-v" | "nsx-t";
  readonly address: string;
  readonly trafficMode: string;
  readonly svmImageUrl: string;
  readonly clusters: ReadonlyArray<{
    readonly name: string;
    readonly datastore: string;
    readonly network: string;
    readonly hosts: readonly string[];
  }>;
  /** The threat policy as the JSON text the policy resource stores. */
  readonly policyJson: string;
  /** NSX objects the installation creates, comma-separated. */
  readonly objects: string;
}

export interface HandWrittenKsc {
  readonly address: string;
  readonly port: number;
}

/** A quoted HCL string: JSON escaping plus Terraform's template sigils. */
function str(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

export function handWrittenHcl(manager: HandWrittenManager, ksc: HandWrittenKsc): string {
  const hosts = manager.clusters
    .flatMap((cluster) =>
      cluster.hosts.map(
        (host) =>
          `    ${str(host)} = { cluster = ${str(cluster.name)}, datastore = ${str(cluster.datastore)}, network = ${str(cluster.network)} }`,
      ),
    )
    .join("\n");
  const identity = `manager         = ${str(manager.name)}
    manager_kind    = ${str(manager.kind)}
    manager_address = ${str(manager.address)}`;
  return `terraform {
  required_version = ">= 1.5"
}

locals {
  hosts = {
${hosts}
  }
}

resource "terraform_data" "service" {
  triggers_replace = {
    role            = "protection-service"
    ${identity}
    traffic_mode    = ${str(manager.trafficMode)}
    svm_image_url   = ${str(manager.svmImageUrl)}
    ksc_address     = ${str(ksc.address)}
    ksc_port        = ${str(String(ksc.port))}
  }
}

resource "terraform_data" "svm" {
  for_each = local.hosts

  triggers_replace = {
    role            = "svm"
    ${identity}
    traffic_mode    = ${str(manager.trafficMode)}
    host            = each.key
    cluster         = each.value.cluster
    datastore       = each.value.datastore
    network         = each.value.network
  }

  depends_on = [terraform_data.service]
  lifecycle {
    replace_triggered_by = [terraform_data.service]
  }
}

resource "terraform_data" "nsx_objects" {
  triggers_replace = {
    role            = "nsx-objects"
    ${identity}
    traffic_mode    = ${str(manager.trafficMode)}
    objects         = ${str(manager.objects)}
  }

  depends_on = [terraform_data.service, terraform_data.svm]
  lifecycle {
    replace_triggered_by = [terraform_data.service]
  }
}

resource "terraform_data" "threat_policy" {
  triggers_replace = {
    role            = "threat-policy"
    ${identity}
    policy          = ${str(manager.policyJson)}
  }
}
`;
}
