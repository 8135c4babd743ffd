import { parseJsonBody, validateBody } from "../http/body-validation";
import { ok, type SimRequest } from "../http/exchange";
import { invalidRequest, MODULE, objectNotFound } from "../http/nsx-api-error";
import { parseQuery } from "../http/query";
import type { RouteTable } from "../http/route-table";
import type { DeploymentLifecycle } from "./deployment-lifecycle";
import type { DeploymentRecord } from "./deployment-record";
import { deploymentSpecNameSchema, serviceDeploymentSchema } from "./deployment-schemas";
import {
  deploymentBody,
  deploymentStatusBody,
  instanceRuntimeBody,
  serviceInstanceBody,
} from "./deployment-views";
import { serviceDefinitionBody, vendorTemplateBody } from "./partner-service";

const SERVICES = "/api/v1/serviceinsertion/services";
const DEPLOYMENTS = `${SERVICES}/{service-id}/service-deployments`;
const DEPLOYMENT = `${DEPLOYMENTS}/{service-deployment-id}`;
const INSTANCES = `${SERVICES}/{service-id}/service-instances`;

/** Service-insertion lists carry no paging: all results and their count. */
function listOf(results: readonly unknown[]) {
  return ok({ results, result_count: results.length });
}

function instancesOf(records: readonly DeploymentRecord[]) {
  return records.flatMap((record) => record.svms.map((svm) => ({ record, svm })));
}

/**
 * Manager API service insertion: the partner service definition, its deployments with their
 * status and upgrade, and the service instances (one per SVM) that say which hosts run an SVM.
 */
export function addServiceInsertionRoutes(
  routes: RouteTable,
  deployments: DeploymentLifecycle,
): void {
  const param = (request: SimRequest, name: string) => request.params[name];
  const noQuery = (request: SimRequest) => parseQuery(request.query, {});

  routes.add("GET", SERVICES, (request) => {
    noQuery(request);
    return listOf(deployments.listServices().map(serviceDefinitionBody));
  });
  routes.add("GET", `${SERVICES}/{service-id}`, (request) => {
    noQuery(request);
    return ok(serviceDefinitionBody(deployments.service(param(request, "service-id"))));
  });

  routes.add("GET", `${SERVICES}/{service-id}/vendor-templates`, (request) => {
    const name = parseQuery(request.query, { vendor_template_name: "string" }).string(
      "vendor_template_name",
    );
    const service = deployments.service(param(request, "service-id"));
    return listOf(
      service.vendorTemplates
        .filter((template) => name === undefined || template.name === name)
        .map((template) => vendorTemplateBody(service, template)),
    );
  });
  routes.add("GET", `${SERVICES}/{service-id}/vendor-templates/{vendor-template-id}`, (request) => {
    noQuery(request);
    const service = deployments.service(param(request, "service-id"));
    const id = param(request, "vendor-template-id");
    const template = service.vendorTemplates.find((t) => t.id === id);
    if (!template) throw objectNotFound(`VendorTemplate/${id}`, MODULE.serviceInsertion);
    return ok(vendorTemplateBody(service, template));
  });

  routes.add("GET", DEPLOYMENTS, (request) => {
    noQuery(request);
    deployments.service(param(request, "service-id"));
    return listOf(deployments.list(param(request, "service-id")).map(deploymentBody));
  });
  routes.add("POST", DEPLOYMENTS, (request) => {
    noQuery(request);
    const body = validateBody(serviceDeploymentSchema, parseJsonBody(request.rawBody));
    const record = deployments.create(param(request, "service-id"), body);
    return { status: 201, body: deploymentBody(record) };
  });
  routes.add("GET", DEPLOYMENT, (request) => {
    noQuery(request);
    return ok(
      deploymentBody(
        deployments.get(param(request, "service-id"), param(request, "service-deployment-id")),
      ),
    );
  });
  routes.add("DELETE", DEPLOYMENT, (request) => {
    const query = parseQuery(request.query, { force: "boolean" });
    deployments.remove(
      param(request, "service-id"),
      param(request, "service-deployment-id"),
      query.boolean("force") ?? false,
    );
    return { status: 202 };
  });
  routes.add("POST", DEPLOYMENT, (request) => {
    const action = parseQuery(request.query, { action: "string" }).string("action");
    if (action !== "upgrade") {
      throw invalidRequest(
        `Unsupported action ${action ?? "(none)"}; the published action is upgrade.`,
        MODULE.serviceInsertion,
      );
    }
    const body = validateBody(deploymentSpecNameSchema, parseJsonBody(request.rawBody));
    deployments.upgrade(
      param(request, "service-id"),
      param(request, "service-deployment-id"),
      body.deployment_spec_name,
      body.storage_id,
    );
    return { status: 200 };
  });
  routes.add("GET", `${DEPLOYMENT}/status`, (request) => {
    const source = parseQuery(request.query, { source: "string" }).string("source");
    if (source !== undefined && source !== "realtime" && source !== "cached") {
      throw invalidRequest(
        `source must be realtime or cached, got ${source}`,
        MODULE.serviceInsertion,
      );
    }
    return ok(
      deploymentStatusBody(
        deployments.get(param(request, "service-id"), param(request, "service-deployment-id")),
      ),
    );
  });

  routes.add("GET", "/api/v1/serviceinsertion/service-instances", (request) => {
    const query = parseQuery(request.query, {
      deployed_to: "string",
      service_deployment_id: "string",
    });
    const deployedTo = query.string("deployed_to");
    const deploymentId = query.string("service_deployment_id");
    return listOf(
      instancesOf(deployments.list())
        .filter(({ record }) => deploymentId === undefined || record.id === deploymentId)
        .filter(({ svm }) => deployedTo === undefined || svm.host.externalId === deployedTo)
        .map(({ record, svm }) => serviceInstanceBody(record, svm)),
    );
  });
  routes.add("GET", INSTANCES, (request) => {
    noQuery(request);
    deployments.service(param(request, "service-id"));
    return listOf(
      instancesOf(deployments.list(param(request, "service-id"))).map(({ record, svm }) =>
        serviceInstanceBody(record, svm),
      ),
    );
  });
  const instance = (request: SimRequest) => {
    deployments.service(param(request, "service-id"));
    const id = param(request, "service-instance-id");
    const found = instancesOf(deployments.list(param(request, "service-id"))).find(
      ({ svm }) => svm.instanceId === id,
    );
    if (!found) throw objectNotFound(`ServiceInstance/${id}`, MODULE.serviceInsertion);
    return found;
  };
  routes.add("GET", `${INSTANCES}/{service-instance-id}`, (request) => {
    noQuery(request);
    const { record, svm } = instance(request);
    return ok(serviceInstanceBody(record, svm));
  });
  routes.add("GET", `${INSTANCES}/{service-instance-id}/instance-runtimes`, (request) => {
    noQuery(request);
    const { record, svm } = instance(request);
    return listOf([instanceRuntimeBody(record, svm)]);
  });
}
