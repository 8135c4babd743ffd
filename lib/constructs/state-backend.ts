import { LocalBackend, TerraformBackend, TerraformRemoteState, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { BackendSpec } from "../estate/schema";

export interface PgStateBackendProps {
  /** PostgreSQL schema holding the state. */
  readonly schemaName: string;
}

/**
 * Terraform's `pg` backend without a connection string: Terraform reads it from PG_CONN_STR
 * when it runs, so credentials never reach a synthesized file. (cdktf's PgBackend requires one.)
 */
export class PgStateBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: PgStateBackendProps,
  ) {
    super(scope, "backend", "pg");
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { schema_name: this.props.schemaName };
  }

  public getRemoteStateDataSource(): TerraformRemoteState {
    throw new Error("ksv stacks do not reference each other's state");
  }
}

/** The local state file, next to cdktf.out: relative, so the JSON is the same on every machine. */
export function localStatePath(stackName: string): string {
  // Terraform runs in <outdir>/stacks/<name>; a state file inside cdktf.out would be deleted by
  // `cdktf synth` when the manager leaves the estate, orphaning its resources.
  return `../../../terraform.${stackName}.tfstate`;
}

/** Postgres schema of a stack: one per manager, or the estate's single schema. */
export function pgSchemaName(
  spec: Extract<BackendSpec, { type: "pg" }>,
  stackName: string,
): string {
  return spec.schemaPer === "estate"
    ? spec.schemaName
    : `${spec.schemaName}_${stackName.replace(/-/g, "_")}`;
}

/**
 * `localStateFile` overrides where the local backend keeps the state (a copy of a stack synthesized
 * elsewhere that must share the stack's state, say).
 */
export function addStateBackend(
  stack: TerraformStack,
  spec: BackendSpec,
  localStateFile?: string,
): TerraformBackend {
  const name = stack.node.id;
  return spec.type === "local"
    ? new LocalBackend(stack, { path: localStateFile ?? localStatePath(name) })
    : new PgStateBackend(stack, { schemaName: pgSchemaName(spec, name) });
}
