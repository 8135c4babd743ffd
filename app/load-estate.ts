import { parseEstateDocument, readEstateDocument, type EstateDocument } from "../lib/estate/load";
import { formatPath } from "../lib/estate/messages";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import type { Problem } from "../lib/estate/validation";
// The rules themselves, not lib/rules' index: that loads cdktf (the Aspect), which a command
// that only reads an estate does not need.
import { PROTECTION_RULES } from "../lib/rules/all-rules";
import { ruleReason, runRules, type RuleFinding } from "../lib/rules/rule";

export interface LoadedEstate {
  readonly source: string;
  /** Valid as a whole: schema, checks across entries and protection rules. */
  readonly estate: ValidatedEstate;
  /** Warning-level rule findings, with their path in the estate and, from a file, their line. */
  readonly warnings: ReadonlyArray<
    RuleFinding & { readonly estatePath: string; readonly line?: number; readonly column?: number }
  >;
}

/**
 * Judges a validated estate document by the protection rules. Each manager that is valid on its
 * own is judged, even when another part of the file is not, so that every problem (schema,
 * cross-entry and rule errors) is reported at once, each with its line. Throws EstateError.
 */
export function checkEstate(document: EstateDocument): LoadedEstate {
  const problems: Problem[] = [...document.problems];
  const warnings: Array<RuleFinding & { estatePath: string }> = [];
  document.managers.forEach((manager, index) => {
    if (!manager) return;
    for (const finding of runRules(PROTECTION_RULES, manager)) {
      const path = ["managers", index, ...finding.path];
      if (finding.level === "error") {
        problems.push({
          path,
          message: `${finding.message} ${ruleReason(finding)}`,
          beyondSchema: true,
        });
      } else warnings.push({ ...finding, estatePath: formatPath(path) });
    }
  });
  if (problems.length > 0 || !document.estate) throw document.error(problems);
  const located = document.locate(
    warnings.map((w, index) => ({
      path: ["managers", managerIndex(document, w.manager), ...w.path],
      message: String(index),
    })),
  );
  const withLines = located.map((p) => ({
    ...warnings[Number(p.message)],
    line: p.line,
    column: p.column,
  }));
  // The one place an estate becomes a ValidatedEstate: every check has passed.
  return {
    source: document.source,
    estate: document.estate as ValidatedEstate,
    warnings: withLines,
  };
}

function managerIndex(document: EstateDocument, name: string): number {
  return document.managers.findIndex((m) => m?.name === name);
}

/** Parses estate text (YAML or JSON), validates it and applies the rules. Throws EstateError. */
export function parseEstate(text: string, source: string): LoadedEstate {
  return checkEstate(parseEstateDocument(text, source));
}

/**
 * Validates an estate given as data (a loaded estate changed in code, say) as a file would be:
 * schema, checks across entries and rules. `source` names it in messages. Throws EstateError.
 */
export function validateEstate(value: unknown, source: string): LoadedEstate["estate"] {
  return parseEstate(JSON.stringify(value), source).estate;
}

/** Reads an estate file, validates it and applies the rules. Throws EstateError. */
export function loadEstate(file: string): LoadedEstate {
  return checkEstate(readEstateDocument(file));
}

/** Prints warning-level findings, one line each, as `cdktf synth` would show them. */
export function printWarnings(
  loaded: LoadedEstate,
  stream: NodeJS.WritableStream = process.stderr,
) {
  for (const warning of loaded.warnings) {
    const where = warning.line ? ` (line ${warning.line}, column ${warning.column})` : "";
    stream.write(
      `warning: ${warning.estatePath}: ${warning.message} ${ruleReason(warning)}${where}\n`,
    );
  }
}
