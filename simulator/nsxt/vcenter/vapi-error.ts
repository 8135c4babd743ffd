/**
 * vCenter REST errors: the vAPI standard error (`error_type` and localizable `messages`), as
 * com.vmware.vapi.std.errors defines it, with the HTTP status the `/api` binding maps it to.
 */
export class VapiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      error_type: this.errorType,
      messages: [
        {
          id: `vapi.simulator.${this.errorType.toLowerCase()}`,
          default_message: this.message,
          args: [],
        },
      ],
    };
  }
}

export function unauthenticated(message: string): VapiError {
  return new VapiError(401, "UNAUTHENTICATED", message, {
    "WWW-Authenticate": 'Basic realm="VMware vCenter Server"',
  });
}
