import { managedAudit } from "../manager/managed-audit";
import { deterministicUuid } from "../support/deterministic-id";

/** One Policy API object: its place in the tree and the fields a client wrote. */
export interface PolicyObject {
  readonly path: string;
  readonly parentPath: string;
  readonly id: string;
  readonly resourceType: string;
  readonly uniqueId: string;
  readonly createTime: number;
  fields: Record<string, unknown>;
  revision: number;
  lastModifiedTime: number;
}

/**
 * The Policy tree in memory, keyed by policy path (`/infra/...`, as objects name each other).
 * `_revision` starts at 0 and grows by one at every change, as PolicyResource documents.
 */
export class PolicyStore {
  private readonly objects = new Map<string, PolicyObject>();

  constructor(private readonly user: string) {}

  get(path: string): PolicyObject | undefined {
    return this.objects.get(path);
  }

  all(resourceType?: string): PolicyObject[] {
    return [...this.objects.values()].filter(
      (o) => !resourceType || o.resourceType === resourceType,
    );
  }

  children(parentPath: string, resourceType: string): PolicyObject[] {
    return this.all(resourceType).filter((o) => o.parentPath === parentPath);
  }

  /** Creates the object, or replaces the fields of the one at `path`. */
  write(
    path: string,
    resourceType: string,
    fields: Record<string, unknown>,
    parentPath: string,
  ): PolicyObject {
    const now = Date.now();
    const existing = this.objects.get(path);
    if (existing) {
      existing.fields = fields;
      existing.revision += 1;
      existing.lastModifiedTime = now;
      return existing;
    }
    const cut = path.lastIndexOf("/");
    const created: PolicyObject = {
      path,
      parentPath,
      id: path.slice(cut + 1),
      resourceType,
      uniqueId: deterministicUuid(`policy:${path}:${now}`),
      createTime: now,
      fields,
      revision: 0,
      lastModifiedTime: now,
    };
    this.objects.set(path, created);
    return created;
  }

  /** Removes the object and everything below it. */
  delete(path: string): void {
    for (const key of [...this.objects.keys()]) {
      if (key === path || key.startsWith(`${path}/`)) this.objects.delete(key);
    }
  }

  /** The object as GET returns it: its fields plus the PolicyResource metadata. */
  render(object: PolicyObject): Record<string, unknown> {
    return {
      resource_type: object.resourceType,
      id: object.id,
      display_name: object.id,
      ...object.fields,
      path: object.path,
      relative_path: object.id,
      parent_path: object.parentPath,
      unique_id: object.uniqueId,
      realization_id: object.uniqueId,
      marked_for_delete: false,
      overridden: false,
      ...managedAudit(
        {
          created: object.createTime,
          modified: object.lastModifiedTime,
          revision: object.revision,
        },
        this.user,
      ),
    };
  }
}
