import { parseJsonBody, validateBody } from "../http/body-validation";
import { ok, type SimRequest, type SimResponse } from "../http/exchange";
import { ERROR_CODE, MODULE, NsxApiError, objectNotFound } from "../http/nsx-api-error";
import { PAGING_QUERY, parseQuery } from "../http/query";
import type { RouteTable } from "../http/route-table";
import { pagedList } from "../manager/paged-list";
import { semanticError } from "./path-rules";
import type { PolicyContext, PolicyKind } from "./policy-kind";
import { storedFields } from "./policy-resource-schema";
import type { PolicyObject } from "./policy-store";
import { writeEmbeddedRules, type EmbeddedRules } from "./embedded-rules";

const PREFIX = "/policy/api/v1";

/** The collection path of a kind with the request's parameters filled in. */
export function collectionPath(kind: PolicyKind, params: Readonly<Record<string, string>>): string {
  return kind.collection.replace(/\{([^}]+)\}/g, (_, name: string) => params[name]);
}

export function parentPathOf(kind: PolicyKind, collection: string): string {
  return kind.parentPath
    ? kind.parentPath(collection)
    : collection.slice(0, collection.lastIndexOf("/"));
}

/**
 * The Policy API's CRUD for every simulated type, with the semantics PolicyResource documents:
 * PATCH creates or merges (200, no body); PUT creates or replaces and needs the current
 * `_revision` of an existing object (412 otherwise; 200 with the object); DELETE answers 200, also
 * for an object that is not there, and 400 while another object still refers to it; lists carry
 * `results`, `result_count` and a `cursor` while pages remain.
 */
export class PolicyRoutes {
  constructor(
    private readonly context: PolicyContext,
    private readonly kinds: readonly PolicyKind[],
    private readonly embedded: EmbeddedRules,
  ) {}

  register(routes: RouteTable): void {
    for (const kind of this.kinds) {
      const collection = `${PREFIX}${kind.collection}`;
      const item = `${collection}/{${kind.idParam}}`;
      routes.add("GET", collection, (request) => this.list(kind, request));
      routes.add("GET", item, (request) => this.get(kind, request));
      routes.add("PATCH", item, (request) => this.write(kind, request, "PATCH"));
      routes.add("PUT", item, (request) => this.write(kind, request, "PUT"));
      routes.add("DELETE", item, (request) => this.delete(kind, request));
    }
  }

  render(kind: PolicyKind, object: PolicyObject): Record<string, unknown> {
    const body = this.context.store.render(object);
    return kind === this.embedded.policyKind ? { ...body, ...this.embedded.render(object) } : body;
  }

  private list(kind: PolicyKind, request: SimRequest): SimResponse {
    const query = parseQuery(request.query, {
      ...PAGING_QUERY,
      include_mark_for_delete_objects: "boolean",
      ...kind.listQuery,
    });
    kind.checkParent(this.context, request.params);
    const parent = parentPathOf(kind, collectionPath(kind, request.params));
    const items = this.context.store
      .children(parent, kind.resourceType)
      .map((o) => this.render(kind, o));
    return ok(pagedList(items, query, kind.defaultSortBy));
  }

  private get(kind: PolicyKind, request: SimRequest): SimResponse {
    parseQuery(request.query, {});
    kind.checkParent(this.context, request.params);
    const path = this.pathOf(kind, request);
    const object = this.context.store.get(path);
    if (!object || object.resourceType !== kind.resourceType)
      throw objectNotFound(path, MODULE.policy);
    return ok(this.render(kind, object));
  }

  private write(kind: PolicyKind, request: SimRequest, method: "PUT" | "PATCH"): SimResponse {
    parseQuery(request.query, {});
    kind.checkParent(this.context, request.params);
    const path = this.pathOf(kind, request);
    const id = request.params[kind.idParam];
    const raw = parseJsonBody(request.rawBody);
    const body = validateBody(
      method === "PATCH" ? kind.schema.partial() : kind.schema,
      raw,
    ) as Record<string, unknown>;
    if (body.id !== undefined && body.id !== id) {
      throw semanticError(
        `The id ${String(body.id)} in the body differs from the id ${id} in the path.`,
      );
    }
    const existing = this.context.store.get(path);
    if (method === "PUT" && existing && body._revision !== existing.revision) {
      throw new NsxApiError(
        412,
        ERROR_CODE.staleRevision,
        `The object AT ${path} was modified by somebody else: _revision ${String(body._revision ?? "(missing)")} given, ${existing.revision} current. Read it again and retry.`,
        MODULE.policy,
      );
    }
    const { rules, ...fields } = storedFields(body, kind.extraReadOnly);
    const merged =
      method === "PATCH" && existing
        ? { ...existing.fields, ...fields }
        : { ...kind.defaults, ...fields };
    if (method === "PATCH") validateBody(kind.schema, merged);
    kind.checkWrite?.(this.context, merged, existing);
    const commitRules =
      kind === this.embedded.policyKind && rules !== undefined
        ? writeEmbeddedRules(
            this.context,
            this.embedded.ruleKind,
            path,
            rules as Record<string, unknown>[],
            method,
          )
        : undefined;
    const parent = parentPathOf(kind, collectionPath(kind, request.params));
    const object = this.context.store.write(path, kind.resourceType, merged, parent);
    commitRules?.();
    return method === "PUT" ? ok(this.render(kind, object)) : { status: 200 };
  }

  private delete(kind: PolicyKind, request: SimRequest): SimResponse {
    const query = parseQuery(request.query, kind.deleteQuery ?? {});
    kind.checkParent(this.context, request.params);
    const path = this.pathOf(kind, request);
    const object = this.context.store.get(path);
    if (!object) return { status: 200 };
    kind.checkDelete?.(this.context, object, query);
    const referrer = this.referrerOf(path);
    if (referrer) {
      throw new NsxApiError(
        400,
        ERROR_CODE.resourceInUse,
        `Cannot delete ${kind.resourceType} ${path} because it is still referenced by ${referrer.resourceType} ${referrer.path}.`,
        MODULE.policy,
      );
    }
    this.context.store.delete(path);
    return { status: 200 };
  }

  /** An object outside `path`'s subtree that refers to it or to something below it. */
  private referrerOf(path: string): PolicyObject | undefined {
    const inside = (p: string) => p === path || p.startsWith(`${path}/`);
    return this.context.store.all().find((other) => {
      if (inside(other.path)) return false;
      const kind = this.kinds.find((k) => k.resourceType === other.resourceType);
      return (kind?.references?.(other.fields) ?? []).some(inside);
    });
  }

  private pathOf(kind: PolicyKind, request: SimRequest): string {
    return `${collectionPath(kind, request.params)}/${request.params[kind.idParam]}`;
  }
}
