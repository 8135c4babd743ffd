import { UserError } from "./user-error";

export { UserError };

/*
 * Errors that carry a message for the user, recognised by name: importing their classes here
 * would load the estate loader, cdktf and zod into every command (half a second at start-up).
 */
const EXPECTED_ERRORS = new Set([
  "UserError",
  "EstateError",
  "PropsValidationError",
  "ProtectionRuleError",
]);

/**
 * Runs a command's body and turns every failure into a message on stderr and an exit code.
 * A stack trace is a bug report, not an answer: it is shown only with KSV_DEBUG=1.
 */
export async function runCommand(
  name: string,
  body: () => Promise<number | void> | number | void,
): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    const expected = error instanceof Error && EXPECTED_ERRORS.has(error.name);
    const message = error instanceof Error ? error.message : String(error);
    if (expected) {
      process.stderr.write(`${name}: ${message}\n`);
    } else {
      process.stderr.write(`${name}: unexpected error: ${message}\n`);
      if (process.env.KSV_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
      else process.stderr.write(`${name}: run again with KSV_DEBUG=1 to see where it happened\n`);
    }
    process.exitCode = error instanceof UserError ? error.exitCode : 1;
  }
}
