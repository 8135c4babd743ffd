import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../user-error";

export { UserError };

/**
 * Runs a command's body and turns every failure into a message on stderr and an exit code.
 * A UserError (EstateError, PropsValidationError, ProtectionRuleError, ...) is an answer for the
 * user: its message alone. Anything else is a bug: its stack trace is shown only with KSV_DEBUG=1.
 */
export async function runCommand(
  name: string,
  body: () => Promise<number | void> | number | void,
): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: unexpected error: ${message}\n`);
    if (process.env.KSV_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    else process.stderr.write(`${name}: run again with KSV_DEBUG=1 to see where it happened\n`);
    process.exitCode = 1;
  }
}

/** node:util's parseArgs; a mistake on the command line is a UserError of one sentence. */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // parseArgs explains itself in several sentences; the first one is the point.
    const first = (error as Error).message.split(/(?<=\.) /)[0];
    throw new UserError(`${first} (see --help)`);
  }
}
