import { HookError } from "../hook-error";
import { POLICY } from "./naming";
import type { NsxtRun } from "./run";

/*
 * The service segment east-west insertion redirects through (Policy API ServiceSegment, API
 * `method_PatchServiceSegment` / `types_ServiceSegment`: `transport_zone_path` required,
 * "Only overlay transport zone is supported"; "Modification of service segment is not
 * supported"), on an overlay transport zone (API `types_PolicyTransportZone`,
 * PolicyTransportZone.tz_type).
 */

export const TRANSPORT_ZONE_ENV = "NSX_TRANSPORT_ZONE";

const TRANSPORT_ZONES = "/infra/sites/default/enforcement-points/default/transport-zones";
const OVERLAY = new Set(["OVERLAY_STANDARD", "OVERLAY_ENS", "OVERLAY_BACKED"]);

interface TransportZone {
  readonly path: string;
  readonly id: string;
  readonly display_name?: string;
  readonly tz_type?: string;
}

interface ServiceSegment {
  readonly transport_zone_path: string;
}

/** NSX_TRANSPORT_ZONE (display name or path), or the only overlay transport zone. */
async function transportZonePath(run: NsxtRun): Promise<string> {
  const zones = await run.nsx.list<TransportZone>(`${POLICY}${TRANSPORT_ZONES}`);
  const overlay = zones.filter((zone) => OVERLAY.has(zone.tz_type ?? ""));
  const named = run.ctx.optional(TRANSPORT_ZONE_ENV);
  const describe = (list: TransportZone[]) =>
    list.map((z) => `"${z.display_name ?? z.id}" (${z.path})`).join(", ") || "none";
  if (named !== undefined) {
    const zone = zones.find((z) => z.path === named || z.display_name === named);
    if (!zone) {
      throw new HookError(
        `${TRANSPORT_ZONE_ENV} "${named}" is no transport zone of ${run.nsx.where}; overlay zones: ${describe(overlay)}`,
      );
    }
    if (!OVERLAY.has(zone.tz_type ?? "")) {
      throw new HookError(
        `${TRANSPORT_ZONE_ENV} "${named}" is a ${zone.tz_type} transport zone; a service segment needs an overlay zone: ${describe(overlay)}`,
      );
    }
    return zone.path;
  }
  if (overlay.length === 1) return overlay[0].path;
  throw new HookError(
    overlay.length === 0
      ? `${run.nsx.where} has no overlay transport zone, which a service segment needs`
      : `${run.nsx.where} has ${overlay.length} overlay transport zones: set ${TRANSPORT_ZONE_ENV} to the display name or path of one of ${describe(overlay)}`,
  );
}

export async function createSegment(run: NsxtRun): Promise<void> {
  const path = run.names.segmentPath;
  const existing = await run.nsx.find<ServiceSegment>(`${POLICY}${path}`);
  if (existing) {
    if (run.ctx.optional(TRANSPORT_ZONE_ENV) !== undefined) {
      const wanted = await transportZonePath(run);
      if (wanted !== existing.transport_zone_path) {
        throw new HookError(
          `service segment ${path} exists on ${existing.transport_zone_path}, not on ${wanted}; NSX cannot modify a service segment: remove it (removeSegment) and create it again`,
        );
      }
    }
    run.log(`service segment ${path} exists (transport zone ${existing.transport_zone_path})`);
    return;
  }
  const zone = await transportZonePath(run);
  await run.nsx.patch(`${POLICY}${path}`, {
    display_name: `ksv-${run.names.manager}-segment`,
    description: "Kaspersky Network Threat Protection: east-west service insertion (ksv-ntp-cdktf)",
    transport_zone_path: zone,
  });
  run.log(`service segment ${path} created on ${zone}`);
}

export async function removeSegment(run: NsxtRun): Promise<void> {
  await run.nsx.delete(`${POLICY}${run.names.segmentPath}`);
  run.log(`service segment ${run.names.segmentPath} removed`);
}

export async function segmentExists(run: NsxtRun): Promise<boolean> {
  return (await run.nsx.find(`${POLICY}${run.names.segmentPath}`)) !== undefined;
}
