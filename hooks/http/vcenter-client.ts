import type { Environment } from "../context";
import { HookError } from "../hook-error";
import { parseEndpoint } from "./endpoint";
import { JsonClient, type JsonReply } from "./json-client";

/*
 * vCenter's REST API (vSphere Automation API, 7.0U2+ /api paths): a session from
 * `POST /api/session` with basic authentication, then the `vmware-api-session-id` header; the
 * session is deleted at the end. Used only to turn datastore and network names into the morefs a
 * service deployment takes: NSX publishes no endpoint that lists them by name.
 */

export const VCENTER_ENV = {
  url: "VCENTER_URL",
  username: "VCENTER_USERNAME",
  password: "VCENTER_PASSWORD",
  caFile: "VCENTER_CA_FILE",
} as const;

/** vAPI's standard error: `error_type` and the messages' `default_message`. */
function readVapiError(reply: JsonReply): string {
  const body = reply.body ?? {};
  const messages = Array.isArray(body.messages)
    ? body.messages.map((m: { default_message?: string }) => m.default_message ?? "").join("; ")
    : "";
  const hint =
    reply.status === 401 ? ` (check ${VCENTER_ENV.username} and ${VCENTER_ENV.password})` : "";
  return `${body.error_type ?? "error"}${messages ? `: ${messages}` : ""}${hint}`;
}

export class VcenterClient {
  private session: string | undefined;

  private constructor(
    private readonly http: JsonClient,
    private readonly username: string,
    private readonly password: string,
  ) {}

  /**
   * The vCenter of a compute manager: VCENTER_URL, or https:// and the server NSX registered it
   * under. Credentials only from VCENTER_USERNAME / VCENTER_PASSWORD.
   */
  static fromEnvironment(
    env: Environment,
    computeManagerServer: string,
    why: string,
    log: (line: string) => void,
  ): VcenterClient {
    const username = env[VCENTER_ENV.username];
    const password = env[VCENTER_ENV.password];
    if (!username || !password) {
      throw new HookError(
        `${VCENTER_ENV.username} and ${VCENTER_ENV.password} must be set in the environment of terraform: ${why}`,
      );
    }
    const url = env[VCENTER_ENV.url] || `https://${computeManagerServer}`;
    const endpoint = parseEndpoint(
      VCENTER_ENV.url,
      url,
      VCENTER_ENV.caFile,
      env[VCENTER_ENV.caFile],
    );
    return new VcenterClient(
      new JsonClient("vCenter", endpoint, VCENTER_ENV.caFile, readVapiError, log),
      username,
      password,
    );
  }

  async get<T>(path: string): Promise<T> {
    if (this.session === undefined) {
      const basic = Buffer.from(`${this.username}:${this.password}`).toString("base64");
      const reply = await this.http.request("POST", "/api/session", {
        headers: { Authorization: `Basic ${basic}` },
      });
      if (typeof reply.body !== "string") {
        throw new HookError(`${this.http.where}: POST /api/session gave no session id`);
      }
      this.session = reply.body;
    }
    const reply = await this.http.request("GET", path, {
      headers: { "vmware-api-session-id": this.session },
    });
    return reply.body as T;
  }

  /** Ends the session, if one was opened; a failure here changes nothing the hook did. */
  async close(): Promise<void> {
    if (this.session === undefined) return;
    const session = this.session;
    this.session = undefined;
    await this.http
      .request("DELETE", "/api/session", {
        headers: { "vmware-api-session-id": session },
        accept: [200, 204, 401],
      })
      .catch(() => undefined);
  }
}
