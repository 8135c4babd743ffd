import { crossCheckEstate } from "./cross-checks";
import { EstateError } from "./estate-error";
import { readEstateText } from "./read-estate-file";
import { estateSchema, managerSchema, type Estate, type ManagerSpec } from "./schema";
import { parseWith, type Problem } from "./validation";
import { parseYamlDocument } from "./yaml-document";

/**
 * An estate file read and validated against the schema and the cross-entry checks. The protection
 * rules are not run here (they judge the model, one layer up): `managers` holds every manager that
 * is valid on its own, so that they can judge those even when another part of the file is not.
 */
export interface EstateDocument {
  readonly source: string;
  /**
   * The whole estate, defaults applied; undefined when `problems` is not empty. Validated but for
   * the protection rules, which judge it one layer up (app/load-estate brands it when they pass).
   */
  readonly estate: Estate | undefined;
  /** Each manager entry, validated on its own (undefined where it is not valid), by position. */
  readonly managers: ReadonlyArray<ManagerSpec | undefined>;
  /** Schema and cross-entry problems, not yet located. */
  readonly problems: readonly Problem[];
  /** The error for these problems (the document's and any others), each with its line. */
  error(problems: readonly Problem[]): EstateError;
  /** Where each of these paths is in the file (line and column), in the order of the file. */
  locate(problems: readonly Problem[]): Problem[];
}

/** Parses YAML or JSON text and validates it. Throws EstateError when it cannot be parsed. */
export function parseEstateDocument(text: string, source: string): EstateDocument {
  const yaml = parseYamlDocument(text, source);
  const raw = yaml.raw;
  const parsed = parseWith(estateSchema, raw);
  // concat, not push(...): a file may hold 100,000 problems, more than a call takes arguments.
  const problems: Problem[] = (parsed.ok ? [] : parsed.problems).concat(crossCheckEstate(raw));
  const estate = parsed.ok && problems.length === 0 ? parsed.value : undefined;
  const managers = parsed.ok
    ? parsed.value.managers
    : (Array.isArray((raw as { managers?: unknown })?.managers)
        ? (raw as { managers: unknown[] }).managers
        : []
      ).map((entry) => {
        const manager = parseWith(managerSchema, entry);
        return manager.ok ? manager.value : undefined;
      });
  return {
    source,
    estate,
    managers,
    problems,
    error: (all) => new EstateError(source, yaml.locate(all)),
    locate: (all) => yaml.locate(all),
  };
}

/** Reads an estate file (YAML or JSON, UTF-8, at most MAX_ESTATE_BYTES) and validates it. */
export function readEstateDocument(file: string): EstateDocument {
  return parseEstateDocument(readEstateText(file), file);
}
