import type { ProtectionRule } from "./rule";

/** A mask every address matches: `*`, `**`, `http://*`, `https://*` and the same with a path of `*`. */
const EVERY_ADDRESS = /^(?:https?:\/\/)?\*+(?:\/\*+)?\/?$/u;

export const webTrustEverything: ProtectionRule = {
  id: "KSV-WEB-TRUST-EVERYTHING",
  level: "warning",
  why:
    "Trusted web addresses are never blocked, whatever the action (KSV help 60069): a mask that " +
    "matches every address turns the web address scan off while it reads as on.",
  check(manager) {
    return manager.policy.webAddresses.trustedAddresses.flatMap((address, index) =>
      EVERY_ADDRESS.test(address)
        ? [
            {
              path: ["policy", "webAddresses", "trustedAddresses", index],
              message: `manager ${manager.name}: "${address}" trusts every web address, so none is ever blocked; set webAddresses.enabled: false if that is meant`,
            },
          ]
        : [],
    );
  },
};
