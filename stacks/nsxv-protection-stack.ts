import { Construct } from "constructs";
import { ProtectionStack, type ProtectionStackProps } from "./protection-stack";

export type NsxvProtectionStackProps = ProtectionStackProps;

/**
 * Network Threat Protection in an NSX-V Manager. The traffic mode is fixed at registration:
 * changing it plans the documented procedure (remove SVMs and objects, unregister, register,
 * deploy new SVMs) as destroy-and-recreate.
 */
export class NsxvProtectionStack extends ProtectionStack {
  constructor(scope: Construct, name: string, props: NsxvProtectionStackProps) {
    super(scope, name, "nsx-v", props);
  }
}
