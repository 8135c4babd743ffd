/**
 * An error whose message is meant for the user as it stands: no stack trace, exit code 1 (or the
 * one given). It imports nothing, so that any module may throw it without loading the rest.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}
