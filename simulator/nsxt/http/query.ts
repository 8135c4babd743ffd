import { ERROR_CODE, MODULE, NsxApiError } from "./nsx-api-error";

/** How one query parameter of a published operation is typed. */
export type QueryParameterKind = "string" | "boolean" | "integer" | "strings";

export type QuerySpec = Readonly<Record<string, QueryParameterKind>>;

export interface ParsedQuery {
  string(name: string): string | undefined;
  boolean(name: string): boolean | undefined;
  integer(name: string): number | undefined;
  strings(name: string): readonly string[];
}

function queryError(message: string): NsxApiError {
  return new NsxApiError(400, ERROR_CODE.fieldValidation, message, MODULE.common);
}

/**
 * The query of a request, checked against the operation's published parameters: an unknown
 * parameter or a malformed value is a 400 rather than silently ignored.
 */
export function parseQuery(query: URLSearchParams, spec: QuerySpec): ParsedQuery {
  for (const name of new Set(query.keys())) {
    const kind = spec[name];
    if (kind === undefined) throw queryError(`Unknown query parameter: ${name}`);
    const values = query.getAll(name);
    if (kind !== "strings" && values.length > 1) {
      throw queryError(`Query parameter ${name} is given more than once`);
    }
    if (kind === "boolean" && !/^(true|false)$/.test(values[0])) {
      throw queryError(`Query parameter ${name} must be true or false, got ${values[0]}`);
    }
    if (kind === "integer" && !/^\d+$/.test(values[0])) {
      throw queryError(`Query parameter ${name} must be a non-negative integer, got ${values[0]}`);
    }
  }
  return {
    string: (name) => query.get(name) ?? undefined,
    boolean: (name) => (query.has(name) ? query.get(name) === "true" : undefined),
    integer: (name) => (query.has(name) ? Number(query.get(name)) : undefined),
    strings: (name) => query.getAll(name),
  };
}

/** Paging parameters every NSX list operation publishes. */
export const PAGING_QUERY: QuerySpec = {
  cursor: "string",
  included_fields: "string",
  page_size: "integer",
  sort_ascending: "boolean",
  sort_by: "string",
};
