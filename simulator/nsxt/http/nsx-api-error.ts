/**
 * NSX's error body (ApiError / RelatedApiError in the NSX-T API reference: `error_code`,
 * `module_name`, `error_message`, `details`, `related_errors`), plus the `httpStatus` name that
 * NSX Managers put in front of it on the wire.
 */
export interface RelatedApiError {
  readonly httpStatus?: string;
  readonly error_code: number;
  readonly module_name: string;
  readonly error_message: string;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

export function httpStatusName(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}

/** Module names the simulator reports (NSX's own values for these cases are not published). */
export const MODULE = {
  common: "common-services",
  policy: "Policy",
  serviceInsertion: "ServiceInsertion",
  fabric: "InventoryFabric",
} as const;

/** Error codes the simulator uses; see simulator/README.md for which are observed and which chosen. */
export const ERROR_CODE = {
  fieldValidation: 255,
  unparsableBody: 254,
  forbidden: 403,
  uriNotFound: 404,
  methodNotAllowed: 405,
  serviceUnavailable: 503,
  objectNotFound: 600,
  staleRevision: 602,
  invalidPath: 500012,
  resourceInUse: 500030,
  invalidRequest: 500099,
} as const;

/** A request NSX refuses, thrown by handlers and turned into the response by the server. */
export class NsxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly moduleName: string = MODULE.common,
    readonly relatedErrors: readonly RelatedApiError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      httpStatus: httpStatusName(this.status),
      error_code: this.errorCode,
      module_name: this.moduleName,
      error_message: this.message,
      ...(this.relatedErrors.length > 0 ? { related_errors: this.relatedErrors } : {}),
    };
  }
}

export function objectNotFound(what: string, moduleName: string = MODULE.common): NsxApiError {
  return new NsxApiError(
    404,
    ERROR_CODE.objectNotFound,
    `The requested object : ${what} could not be found. Object identifiers are case sensitive.`,
    moduleName,
  );
}

export function invalidRequest(message: string, moduleName: string): NsxApiError {
  return new NsxApiError(400, ERROR_CODE.invalidRequest, message, moduleName);
}

export function invalidPath(path: string, field: string): NsxApiError {
  return new NsxApiError(
    400,
    ERROR_CODE.invalidPath,
    `Invalid path ${path} in field ${field}: no such object.`,
    MODULE.policy,
  );
}
