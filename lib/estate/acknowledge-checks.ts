import { MANAGER_NAME } from "./grammar";
import { isRecord } from "./raw-input";
import { closest, quote } from "./messages";
import type { Problem } from "./validation";

/*
 * What the estate's acknowledgements must agree with beyond their own fields: the manager each
 * names, and one decision per rule and manager. Read from the raw input defensively, as the
 * other cross-entry checks are (./cross-checks), so that they report even in a broken file.
 */

function managerNames(managers: unknown): string[] {
  if (!Array.isArray(managers)) return [];
  return managers.flatMap((m) =>
    isRecord(m) && typeof m.name === "string" && MANAGER_NAME.test(m.name) ? [m.name] : [],
  );
}

export function acknowledgementProblems(raw: Record<string, unknown>): Problem[] {
  const list = raw.acknowledge;
  if (!Array.isArray(list)) return [];
  const names = managerNames(raw.managers);
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  list.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    const { rule, manager } = entry;
    if (typeof manager === "string" && MANAGER_NAME.test(manager) && !names.includes(manager)) {
      const hint = closest(manager, names);
      problems.push({
        path: ["acknowledge", index, "manager"],
        message: `no manager ${quote(manager)} in this estate${hint ? `; did you mean "${hint}"?` : ""} (managers: ${names.join(", ") || "none"}); leave manager out to acknowledge the warning for every manager`,
      });
    }
    if (typeof rule !== "string" || (manager !== undefined && typeof manager !== "string")) return;
    const key = `${rule}\u0000${manager ?? ""}`;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, index);
      return;
    }
    problems.push({
      path: ["acknowledge", index, "rule"],
      message: `${quote(rule)} is already acknowledged ${manager === undefined ? "for every manager" : `for manager ${manager}`} at acknowledge[${seen}]; keep one`,
    });
  });
  return problems;
}
