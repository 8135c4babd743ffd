import { UserError } from "../../lib/user-error";
import { DEFAULT_VERIFY_TIMEOUT_SECONDS } from "../../lib/verify/run-verify";
import { parseOutputFormat, type OutputFormat } from "../../lib/cli/output-format";
import type { CommandOptions, ParsedCommandLine } from "./ksv-command";

/* Options more than one command takes, parsed in one place. */

/**
 * The longest --verify-timeout: a day. Node's timers hold at most 2^31-1 ms (about 24.8 days) and
 * fire at once beyond it, which would time every hook out.
 */
const MAX_VERIFY_TIMEOUT_SECONDS = 86_400;

export const VERIFY_TIMEOUT_OPTION: CommandOptions = { "verify-timeout": { type: "string" } };
export const FORMAT_OPTION: CommandOptions = {
  format: { type: "string", short: "f", default: "markdown" },
};

export function verifyTimeoutOf(line: ParsedCommandLine): number {
  return timeoutOf(line, "verify-timeout");
}

/** A hook's time-out given as `--<option> <seconds>`, checked; the default where it is not given. */
export function timeoutOf(line: ParsedCommandLine, option: string): number {
  const text = line.values[option];
  if (text === undefined) return DEFAULT_VERIFY_TIMEOUT_SECONDS;
  const seconds = Number(text);
  if (!(Number.isInteger(seconds) && seconds > 0 && seconds <= MAX_VERIFY_TIMEOUT_SECONDS)) {
    throw new UserError(
      `--${option} must be a whole number of seconds from 1 to ${MAX_VERIFY_TIMEOUT_SECONDS} (a day), not ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}

export function formatOf(line: ParsedCommandLine): OutputFormat {
  return parseOutputFormat(String(line.values.format));
}
