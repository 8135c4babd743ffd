import { parseEstateDocument, readEstateDocument, type EstateDocument } from "../lib/estate/load";
import { formatPath } from "../lib/estate/messages";
import type { ValidatedEstate } from "../lib/estate/validated-estate";
import type { Problem } from "../lib/estate/validation";
// The rules themselves, not lib/rules' index: that loads cdktf (the Aspect), which a command
// that only reads an estate does not need.
import {
  describeAcknowledged,
  describeUnused,
  judgeEstate,
  type AcknowledgedFinding,
  type EstateAcknowledgement,
} from "../lib/rules/acknowledgements";
import { PROTECTION_RULES } from "../lib/rules/all-rules";
import { ruleReason, type RuleFinding } from "../lib/rules/rule";

/** Where in the estate file a finding is: its path and, from a file, its line and column. */
type Located<T> = T & {
  readonly estatePath: string;
  readonly line?: number;
  readonly column?: number;
};

/** Each item with its path, line and column (one locate for the whole list: files can be large). */
function locateAll<T>(
  document: EstateDocument,
  items: ReadonlyArray<{ readonly item: T; readonly path: ReadonlyArray<string | number> }>,
): Array<Located<T>> {
  const places = document.locate(
    items.map((entry, index) => ({ path: [...entry.path], message: String(index) })),
  );
  return places
    .map((place) => ({ place, entry: items[Number(place.message)] }))
    .sort((a, b) => Number(a.place.message) - Number(b.place.message))
    .map(({ place, entry }) => ({
      ...entry.item,
      estatePath: formatPath(entry.path),
      line: place.line,
      column: place.column,
    }));
}

export interface LoadedEstate {
  readonly source: string;
  /** Valid as a whole: schema, checks across entries and protection rules. */
  readonly estate: ValidatedEstate;
  /** Warning-level rule findings no acknowledgement covers, with their place in the estate. */
  readonly warnings: ReadonlyArray<Located<RuleFinding>>;
  /** Warnings the estate acknowledges: shown as such, with the reason, instead of warnings. */
  readonly acknowledged: ReadonlyArray<Located<AcknowledgedFinding<EstateAcknowledgement>>>;
  /** Acknowledgements that silence nothing (their place in `acknowledge`): a warning each. */
  readonly staleAcknowledgements: ReadonlyArray<Located<{ readonly message: string }>>;
}

/**
 * Judges a validated estate document by the protection rules. Each manager that is valid on its
 * own is judged, even when another part of the file is not, so that every problem (schema,
 * cross-entry and rule errors) is reported at once, each with its line. Throws EstateError.
 */
export function checkEstate(document: EstateDocument): LoadedEstate {
  const problems: Problem[] = [...document.problems];
  const judged = judgeEstate(
    PROTECTION_RULES,
    document.managers,
    document.estate?.acknowledge ?? [],
  );
  judged.managers.forEach((judgement, index) => {
    for (const finding of judgement?.errors ?? []) {
      problems.push({
        path: ["managers", index, ...finding.path],
        message: `${finding.message} ${ruleReason(finding)}`,
        beyondSchema: true,
      });
    }
  });
  if (problems.length > 0 || !document.estate) throw document.error(problems);
  const located = <T extends RuleFinding>(
    pick: (j: NonNullable<(typeof judged.managers)[0]>) => readonly T[],
  ) =>
    locateAll(
      document,
      judged.managers.flatMap((judgement, index) =>
        (judgement ? pick(judgement) : []).map((f) => ({
          item: f,
          path: ["managers", index, ...f.path],
        })),
      ),
    );
  // The one place an estate becomes a ValidatedEstate: every check has passed.
  return {
    source: document.source,
    estate: document.estate as ValidatedEstate,
    warnings: located((j) => j.warnings),
    acknowledged: located((j) => j.acknowledged),
    staleAcknowledgements: locateAll(
      document,
      judged.stale.map((a) => ({
        item: {
          message: describeUnused(
            a.rule,
            a.manager === undefined ? "in any manager" : `in manager ${a.manager}`,
          ),
        },
        path: ["acknowledge", a.index],
      })),
    ),
  };
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

/**
 * Prints warning-level findings, one line each, as `cdktf synth` would show them; an acknowledged
 * one as a line that says so and why, and an acknowledgement that silences nothing as a warning.
 */
export function printWarnings(
  loaded: LoadedEstate,
  stream: NodeJS.WritableStream = process.stderr,
) {
  const where = (at: { line?: number; column?: number }) =>
    at.line ? ` (line ${at.line}, column ${at.column})` : "";
  for (const warning of loaded.warnings) {
    stream.write(
      `warning: ${warning.estatePath}: ${warning.message} ${ruleReason(warning)}${where(warning)}\n`,
    );
  }
  for (const finding of loaded.acknowledged) {
    stream.write(`${describeAcknowledged(finding.estatePath, finding)}\n`);
  }
  for (const stale of loaded.staleAcknowledgements) {
    stream.write(`warning: ${stale.estatePath}: ${stale.message}${where(stale)}\n`);
  }
}
