import { ERROR_CODE, MODULE, NsxApiError } from "../http/nsx-api-error";
import type { ParsedQuery } from "../http/query";

const DEFAULT_PAGE_SIZE = 1000;

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(Buffer.from(cursor, "base64").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) {
    throw new NsxApiError(
      400,
      ERROR_CODE.fieldValidation,
      `Invalid cursor ${cursor}`,
      MODULE.common,
    );
  }
  return offset;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "").localeCompare(String(b ?? ""));
}

/**
 * A list result as NSX pages them (`results`, `result_count` over all pages, and an opaque
 * `cursor` while more remain; `page_size` defaults to 1000 as published). The cursor is the
 * offset of the next page, base64-encoded.
 */
export function pagedList(
  items: readonly Record<string, unknown>[],
  query: ParsedQuery,
  defaultSortBy?: string,
): Record<string, unknown> {
  const sortBy = query.string("sort_by") ?? defaultSortBy;
  const ascending = query.boolean("sort_ascending") ?? true;
  const sorted = sortBy
    ? [...items].sort((a, b) => compareValues(a[sortBy], b[sortBy]) * (ascending ? 1 : -1))
    : [...items];
  const offset = decodeCursor(query.string("cursor"));
  const pageSize = query.integer("page_size") ?? DEFAULT_PAGE_SIZE;
  const page = sorted.slice(offset, offset + (pageSize === 0 ? DEFAULT_PAGE_SIZE : pageSize));
  const next = offset + page.length;
  return {
    results: page,
    result_count: sorted.length,
    ...(next < sorted.length ? { cursor: Buffer.from(String(next)).toString("base64") } : {}),
    ...(sortBy ? { sort_by: sortBy, sort_ascending: ascending } : {}),
  };
}
