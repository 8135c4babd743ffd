import type { HookContext } from "../context";
import { HookError } from "../hook-error";

/*
 * NSX-V reference hooks: not written yet. They will live here, beside hooks/nsxt, with the same
 * shape (one file per concern, one function per hook), talking to NSX-V's API (Service Composer,
 * /api/2.0/si/deploy). Until then a site keeps its own scripts for NSX-V managers.
 */
export async function runNsxvHook(ctx: HookContext): Promise<void> {
  throw new HookError(
    `the NSX-V reference hooks are not there yet (only NSX-T's are); for manager ${ctx.env.KSV_MANAGER ?? "?"} (kind nsx-v) keep your site's own ${ctx.hook} script`,
  );
}
