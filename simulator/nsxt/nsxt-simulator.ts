import * as http from "http";
import type { AddressInfo } from "net";
import type { SimRequest, SimResponse } from "./http/exchange";
import { ERROR_CODE, MODULE, NsxApiError } from "./http/nsx-api-error";
import type { RouteTable } from "./http/route-table";
import type { NsxtSimulatorOptions } from "./simulator-options";
import { buildSimulatorRoutes, type SimulatorRoutes } from "./simulator-routes";
import { VapiError } from "./vcenter/vapi-error";

export interface RunningNsxtSimulator {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

type Family = "admin" | "vcenter" | "nsx";

function familyOf(path: string): Family {
  if (path.startsWith("/_simulator/")) return "admin";
  if (path === "/api/session" || path.startsWith("/api/vcenter/")) return "vcenter";
  return "nsx";
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function errorResponse(family: Family, error: unknown): SimResponse {
  if (error instanceof VapiError) {
    return { status: error.status, body: error.body(), headers: error.headers };
  }
  if (error instanceof NsxApiError) {
    if (family === "vcenter") {
      return {
        status: error.status,
        body: new VapiError(error.status, "ERROR", error.message).body(),
      };
    }
    return { status: error.status, body: error.body(), headers: error.headers };
  }
  const message = `Internal error of the simulator: ${(error as Error)?.stack ?? String(error)}`;
  return { status: 500, body: new NsxApiError(500, 500, message).body() };
}

function route(
  table: RouteTable,
  family: Family,
  request: SimRequest,
): SimResponse | Promise<SimResponse> {
  const match = table.match(request.method, request.path);
  if (match.kind === "found") return match.handler({ ...request, params: match.params });
  if (match.kind === "method-not-allowed") {
    const message = `Method ${request.method} is not supported for ${request.path}; allowed: ${match.allowed.join(", ")}.`;
    const error =
      family === "vcenter"
        ? new VapiError(405, "OPERATION_NOT_FOUND", message, { Allow: match.allowed.join(", ") })
        : new NsxApiError(405, ERROR_CODE.methodNotAllowed, message, MODULE.common, [], {
            Allow: match.allowed.join(", "),
          });
    throw error;
  }
  if (family === "vcenter")
    throw new VapiError(404, "NOT_FOUND", `No operation at ${request.path}.`);
  throw new NsxApiError(
    404,
    ERROR_CODE.uriNotFound,
    `The requested URI: ${request.path} could not be found.`,
  );
}

function unavailable(family: Family): SimResponse {
  const message =
    "Some appliance components are not functioning properly. The service is unavailable.";
  return family === "vcenter"
    ? { status: 503, body: new VapiError(503, "SERVICE_UNAVAILABLE", message).body() }
    : { status: 503, body: new NsxApiError(503, ERROR_CODE.serviceUnavailable, message).body() };
}

function dispatch(
  routes: SimulatorRoutes,
  request: SimRequest,
): SimResponse | Promise<SimResponse> {
  const family = familyOf(request.path);
  if (family === "admin") return route(routes.admin, family, request);
  if (family === "vcenter") return route(routes.vcenter, family, request);
  if (routes.nsxPublic.match(request.method, request.path).kind === "found") {
    return route(routes.nsxPublic, family, request);
  }
  routes.authentication.authenticate(request);
  return route(routes.nsx, family, request);
}

/**
 * Starts the simulator on 127.0.0.1. Requests are answered in order of arrival; the first
 * `unavailableFirst` of them (NSX or vCenter, counted before authentication; /_simulator/ controls
 * not counted) get 503.
 */
export async function startNsxtSimulator(
  options: NsxtSimulatorOptions,
): Promise<RunningNsxtSimulator> {
  const routes = buildSimulatorRoutes(options);
  let unavailableLeft = options.unavailableFirst ?? 0;

  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
      const family = familyOf(path);
      let response: SimResponse;
      try {
        const rawBody = await readBody(incoming);
        if (family !== "admin" && unavailableLeft > 0) {
          unavailableLeft -= 1;
          response = unavailable(family);
        } else if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
          throw new NsxApiError(
            400,
            ERROR_CODE.unparsableBody,
            "The request body is larger than 1 MiB.",
          );
        } else {
          const method = incoming.method ?? "GET";
          response = await dispatch(routes, {
            method,
            path,
            query: url.searchParams,
            headers: incoming.headers,
            params: {},
            rawBody,
          });
        }
      } catch (error) {
        response = errorResponse(family, error);
      }
      const text = response.body === undefined ? "" : JSON.stringify(response.body, null, 2);
      outgoing.writeHead(response.status, {
        ...(text ? { "Content-Type": "application/json" } : {}),
        "Content-Length": Buffer.byteLength(text),
        ...response.headers,
      });
      outgoing.end(text);
      options.log?.(`${incoming.method} ${incoming.url} -> ${response.status}`);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        routes.deployments.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
