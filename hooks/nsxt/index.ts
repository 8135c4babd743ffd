import type { Hook, HookContext } from "../context";
import { HookError } from "../hook-error";
import { NsxClient } from "../http/nsx-client";
import { KSC_ANSWER } from "../ksc";
import { deploySvms, removeSvms, upgradeSvms } from "./deployments";
import { applyGroup, removeGroup } from "./groups";
import { createObjects, removeObjects } from "./introspection-objects";
import { inventory } from "./inventory";
import { Names } from "./naming";
import { register, unregister } from "./partner-service";
import { applyRules } from "./rules";
import type { NsxtRun } from "./run";
import { createSegment, removeSegment } from "./segment";
import { verify } from "./verify";

/*
 * The NSX-T reference hooks, one function per hook. NSX-V's would be a sibling folder with the
 * same shape (hooks/nsxv), chosen by KSV_MANAGER_KIND in hooks/cli.ts.
 */

const NSXT_HOOKS: Readonly<Record<Hook, (run: NsxtRun) => Promise<void>>> = {
  register,
  unregister,
  createSegment,
  removeSegment,
  deploySvms,
  removeSvms,
  upgradeSvms,
  createObjects,
  removeObjects,
  applyGroup,
  removeGroup,
  applyRules,
  applyPolicy: async () => {
    throw new HookError(KSC_ANSWER);
  },
  verify,
  inventory,
};

export interface HookOutput {
  readonly log: (line: string) => void;
  readonly answer: (value: unknown) => void;
}

/** Runs one NSX-T hook; the NSX Manager client is made on first use (unregister needs none). */
export async function runNsxtHook(ctx: HookContext, output: HookOutput): Promise<void> {
  let nsx: NsxClient | undefined;
  const run: NsxtRun = {
    ctx,
    names: new Names(ctx.manager),
    log: output.log,
    answer: output.answer,
    get nsx() {
      nsx ??= NsxClient.fromEnvironment(ctx.env, ctx.managerAddress, output.log);
      return nsx;
    },
  };
  await NSXT_HOOKS[ctx.hook](run);
}
