import { CONTEXT_ENV } from "../context";
import { HookError } from "../hook-error";
import { failurePolicy } from "./failure-policy";
import { POLICY } from "./naming";
import { requirePartnerService, SERVICES, type PartnerService } from "./partner-service";
import { removeRedirection } from "./rules";
import type { NsxtRun } from "./run";

/*
 * createObjects / removeObjects: what redirects traffic to the SVMs, Policy API:
 * ServiceReference (`/infra/service-references/{id}`, `partner_service_name` required), its
 * PolicyServiceProfile (`…/service-profiles/{id}`, `vendor_template_name`, `redirection_action`
 * PUNT: the traffic itself goes to the SVM, as standard mode needs) and the PolicyServiceChain
 * (`/infra/service-chains/{id}`: `service_segment_path` and `forward_path_service_profiles`
 * required arrays, `failure_policy` ALLOW | BLOCK). Groups and the redirection policy are
 * applyGroup's and applyRules'. PATCH creates or merges (API `types_ServiceReference`,
 * `types_PolicyServiceProfile`, `types_PolicyServiceChain`), so a
 * re-run converges. NSX refuses to delete what another object refers to, so removal goes from the
 * redirection policy to the reference.
 */

export const VENDOR_TEMPLATE_ENV = "NSX_VENDOR_TEMPLATE";

interface VendorTemplate {
  readonly display_name?: string;
}

/**
 * NSX_VENDOR_TEMPLATE, or the partner's only vendor template (API `method_ListVendorTemplates`):
 * the Integration Server registers the templates service profiles are made from.
 */
async function vendorTemplate(run: NsxtRun, service: PartnerService): Promise<string> {
  const named = run.ctx.optional(VENDOR_TEMPLATE_ENV);
  if (named !== undefined) return named;
  const templates = await run.nsx.list<VendorTemplate>(
    `${SERVICES}/${encodeURIComponent(service.id)}/vendor-templates`,
  );
  if (templates.length === 1 && templates[0].display_name) return templates[0].display_name;
  throw new HookError(
    templates.length === 0
      ? `partner service "${service.display_name}" has no vendor template for a service profile; register the service again in the Integration Server Console`
      : `partner service "${service.display_name}" has ${templates.length} vendor templates (${templates.map((t) => t.display_name).join(", ")}): set ${VENDOR_TEMPLATE_ENV} to the one the service profile uses`,
  );
}

export async function createObjects(run: NsxtRun): Promise<void> {
  const listed = run.ctx.list(CONTEXT_ENV.objects);
  const service = await requirePartnerService(run);
  const { names } = run;
  if ((await run.nsx.find(`${POLICY}${names.segmentPath}`)) === undefined) {
    throw new HookError(
      `service segment ${names.segmentPath} does not exist on ${run.nsx.where}: the createSegment hook creates it first`,
    );
  }
  const template = await vendorTemplate(run, service);
  await run.nsx.patch(`${POLICY}${names.serviceReferencePath}`, {
    display_name: `ksv-${names.manager}-service`,
    partner_service_name: service.display_name,
  });
  await run.nsx.patch(`${POLICY}${names.serviceProfilePath}`, {
    display_name: `ksv-${names.manager}-profile`,
    vendor_template_name: template,
    redirection_action: "PUNT",
  });
  const policy = failurePolicy(run);
  await run.nsx.patch(`${POLICY}${names.serviceChainPath}`, {
    display_name: `ksv-${names.manager}-chain`,
    service_segment_path: [names.segmentPath],
    forward_path_service_profiles: [names.serviceProfilePath],
    reverse_path_service_profiles: [names.serviceProfilePath],
    failure_policy: policy,
  });
  run.log(
    `service reference, profile (vendor template ${template}) and chain (failure policy ${policy}) in place${listed.length ? ` for ${listed.join(", ")}` : ""}`,
  );
}

export async function removeObjects(run: NsxtRun): Promise<void> {
  const { names } = run;
  await removeRedirection(run);
  await run.nsx.delete(`${POLICY}${names.serviceChainPath}`);
  await run.nsx.delete(`${POLICY}${names.serviceProfilePath}`);
  await run.nsx.delete(`${POLICY}${names.serviceReferencePath}`);
  run.log("redirection policy, service chain, profile and reference removed");
}

/** nsx-objects is present when the profile and the chain exist. */
export async function objectsPresent(run: NsxtRun): Promise<boolean> {
  const { names } = run;
  const [profile, chain] = await Promise.all([
    run.nsx.find(`${POLICY}${names.serviceProfilePath}`),
    run.nsx.find(`${POLICY}${names.serviceChainPath}`),
  ]);
  return profile !== undefined && chain !== undefined;
}
