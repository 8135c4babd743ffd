import { EstateError } from "../estate/load";
import { PropsValidationError } from "../estate/problems";
import { ProtectionRuleError } from "../rules/protection-rules";

/** An error whose message is meant for the user as it stands: no stack trace, exit code 1. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}

const EXPECTED_ERRORS = [UserError, EstateError, PropsValidationError, ProtectionRuleError];

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
    const expected = EXPECTED_ERRORS.some((type) => error instanceof type);
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
