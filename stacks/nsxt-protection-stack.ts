import { Construct } from "constructs";
import { ProtectionStack, type ProtectionStackProps } from "./protection-stack";

export interface NsxtProtectionStackProps extends Omit<ProtectionStackProps, "trafficMode"> {
  /**
   * NSX-T runs Network Threat Protection in standard mode only. To only report threats, set the
   * policy's actions to "ignore".
   * @default "standard"
   */
  readonly trafficMode?: "standard";
}

/** Network Threat Protection in an NSX-T Manager (always standard mode). */
export class NsxtProtectionStack extends ProtectionStack {
  constructor(scope: Construct, name: string, props: NsxtProtectionStackProps) {
    super(scope, name, "nsx-t", props);
  }
}
