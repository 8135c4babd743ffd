import { UserError } from "../user-error";
import { describeProblem, type Problem } from "./validation";

/** Problems shown in the message; an EstateError still carries all of them. */
export const MAX_SHOWN_PROBLEMS = 100;

/** The estate could not be used. Carries every problem found, each with its place. */
export class EstateError extends UserError {
  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
  ) {
    super(EstateError.render(source, problems));
    this.name = "EstateError";
  }

  private static render(source: string, problems: readonly Problem[]): string {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const shown = problems.slice(0, MAX_SHOWN_PROBLEMS).map((p) => `  ${describeProblem(p)}`);
    if (problems.length > MAX_SHOWN_PROBLEMS) {
      shown.push(
        `  ... and ${problems.length - MAX_SHOWN_PROBLEMS} more; fix these first, or check that KSV_ESTATE names an estate file`,
      );
    }
    return [`${source}: ${count}:`, ...shown].join("\n");
  }
}

/** A problem of the file as a whole (unreadable, empty, not YAML), not of one of its values. */
export function fileProblem(message: string): Problem {
  return { path: [], message };
}
