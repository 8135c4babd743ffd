/**
 * A failure the site acts on: one line, what went wrong and what to do, printed without a stack
 * trace. Messages never carry a credential (the HTTP clients strip them before they get here).
 */
export class HookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HookError";
  }
}
