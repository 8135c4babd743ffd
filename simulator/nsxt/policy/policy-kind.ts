import type { z } from "zod";
import type { ParsedQuery, QuerySpec } from "../http/query";
import type { PartnerServiceRecord } from "../manager/partner-service";
import type { PolicyObject, PolicyStore } from "./policy-store";

export interface PolicyContext {
  readonly store: PolicyStore;
  readonly services: readonly PartnerServiceRecord[];
}

/**
 * One Policy API type served at its published collection path: its schema, its defaults, and the
 * rules NSX enforces on it (what must exist before it, what it keeps from being deleted).
 */
export interface PolicyKind {
  readonly resourceType: string;
  /** Collection path below /policy/api/v1, with `{parameters}`. */
  readonly collection: string;
  /** Name of the id parameter in the item path. */
  readonly idParam: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly schema: z.ZodObject<any>;
  /** Read-only fields of this type beyond PolicyResource's (accepted and ignored). */
  readonly extraReadOnly?: readonly string[];
  /** Published defaults, stored when the client leaves the field out. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly listQuery?: QuerySpec;
  readonly deleteQuery?: QuerySpec;
  readonly defaultSortBy?: string;
  /** `parent_path` when NSX's differs from the collection path (service segments: /infra). */
  readonly parentPath?: (collectionPath: string) => string;
  /** Throws 404 when the object the collection hangs under does not exist. */
  checkParent(context: PolicyContext, params: Readonly<Record<string, string>>): void;
  /** Throws when the object as it would be stored breaks a rule NSX enforces. */
  checkWrite?(
    context: PolicyContext,
    fields: Record<string, unknown>,
    existing: PolicyObject | undefined,
  ): void;
  /** Policy paths the object refers to: none of them can be deleted while it exists. */
  references?(fields: Record<string, unknown>): string[];
  checkDelete?(context: PolicyContext, object: PolicyObject, query: ParsedQuery): void;
}
