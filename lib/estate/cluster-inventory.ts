import { z } from "zod";
import { duplicateHostProblems } from "./cross-checks";
import { clusterSchema, type ClusterSpec } from "./schema";
import type { ValidatedEstate } from "./validated-estate";
import type { IsToken } from "./token-fields";
import { PropsValidationError, validateProps } from "./validation";

const clustersSchema = z.object({ clusters: z.array(clusterSchema).min(1) });

/**
 * The vSphere clusters of one manager, valid: each cluster as the schema has it, and each host
 * once. Most of an estate's data is here (20,000 hosts), so it is validated once: by `validate`
 * for a library user's props, or by the loader with the whole estate (`ofEstate`). Constructs take
 * an inventory as it is and validate anything else, whatever object it is a copy of.
 */
export class ClusterInventory {
  private constructor(
    readonly clusters: readonly ClusterSpec[],
    /**
     * Some datastore, network, IP pool or compute manager is a token (./token-fields): the
     * inventory must then go through cdktf's resolution to become Terraform references.
     */
    readonly holdsTokens = false,
  ) {}

  /**
   * Validates clusters given to a construct; PropsValidationError names `where` and each problem.
   * With `isToken`, the fields ./token-fields allows may be tokens.
   */
  static validate(clusters: unknown, where: string, isToken?: IsToken): ClusterInventory {
    let holdsTokens = false;
    const detect = isToken && ((value: unknown) => isToken(value) && (holdsTokens = true));
    const valid = validateProps(clustersSchema, { clusters }, where, detect).clusters;
    const duplicates = duplicateHostProblems([{ path: ["clusters"], clusters: valid }]);
    if (duplicates.length > 0) throw new PropsValidationError(where, duplicates);
    return new ClusterInventory(valid, holdsTokens);
  }

  /**
   * The clusters of a manager of a validated estate: checked with the whole estate already, and
   * literal (an estate's grammars refuse what a token is made of).
   */
  static ofEstate(estate: ValidatedEstate, manager: string): ClusterInventory {
    const spec = estate.managers.find((m) => m.name === manager);
    if (!spec) throw new Error(`the estate has no manager ${manager}`);
    return new ClusterInventory(spec.clusters);
  }

  /** Clusters as a construct receives them: an inventory as it is, anything else validated. */
  static from(
    clusters: ClusterInventory | unknown,
    where: string,
    isToken?: IsToken,
  ): ClusterInventory {
    return clusters instanceof ClusterInventory
      ? clusters
      : ClusterInventory.validate(clusters, where, isToken);
  }
}
