import type { Environment } from "../context";
import { HookError } from "../hook-error";
import { parseEndpoint } from "./endpoint";
import { JsonClient, type JsonReply } from "./json-client";

/*
 * NSX Manager's REST API (Manager API /api/v1 and Policy API /policy/api/v1) with HTTP basic
 * authentication on every request, as the API reference's "Authentication" section allows. The
 * connection comes from the environment of the Terraform process, never from the estate.
 */

export const NSX_ENV = {
  url: "NSX_MANAGER_URL",
  username: "NSX_USERNAME",
  password: "NSX_PASSWORD",
  caFile: "NSX_CA_FILE",
} as const;

/** NSX's ApiError: `error_code` and `error_message`, with the related errors behind them. */
function readNsxError(reply: JsonReply): string {
  const body = reply.body ?? {};
  const own =
    body.error_message !== undefined
      ? `error ${body.error_code ?? "?"}: ${String(body.error_message)}`
      : `no NSX error in the body${body.unparsed ? `: ${String(body.unparsed)}` : ""}`;
  const related = Array.isArray(body.related_errors)
    ? body.related_errors
        .map((e: { error_code?: number; error_message?: string }) => {
          return `error ${e.error_code ?? "?"}: ${e.error_message ?? ""}`;
        })
        .join("; ")
    : "";
  const hint =
    reply.status === 403
      ? ` (NSX answers 403 to refused credentials: check ${NSX_ENV.username} and ${NSX_ENV.password}, and the account's role)`
      : "";
  return `${own}${related ? ` [${related}]` : ""}${hint}`;
}

export interface PagedList<T> {
  readonly results: T[];
}

export class NsxClient {
  private readonly authorization: string;

  constructor(
    private readonly http: JsonClient,
    username: string,
    password: string,
  ) {
    this.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }

  /** The client for the Manager named by the environment (NSX_MANAGER_URL or the address). */
  static fromEnvironment(
    env: Environment,
    managerAddress: string,
    log: (line: string) => void,
  ): NsxClient {
    const username = env[NSX_ENV.username];
    const password = env[NSX_ENV.password];
    if (!username || !password) {
      throw new HookError(
        `${NSX_ENV.username} and ${NSX_ENV.password} must be set in the environment of terraform (the NSX Manager account the hooks use)`,
      );
    }
    const url = env[NSX_ENV.url] || `https://${managerAddress}`;
    const endpoint = parseEndpoint(NSX_ENV.url, url, NSX_ENV.caFile, env[NSX_ENV.caFile]);
    return new NsxClient(
      new JsonClient("NSX Manager", endpoint, NSX_ENV.caFile, readNsxError, log),
      username,
      password,
    );
  }

  get where(): string {
    return this.http.where;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    return (await this.send("GET", path)).body as T;
  }

  /** The object at `path`, or undefined when NSX answers 404. */
  async find<T = Record<string, unknown>>(path: string): Promise<T | undefined> {
    const reply = await this.send("GET", path, undefined, [200, 404]);
    return reply.status === 404 ? undefined : (reply.body as T);
  }

  /** Every result of a list, following `cursor` while NSX gives one. */
  async list<T = Record<string, unknown>>(path: string): Promise<T[]> {
    const results: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const separator = path.includes("?") ? "&" : "?";
      const body = await this.get<{ results?: T[]; cursor?: string }>(
        cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
      );
      results.push(...(body.results ?? []));
      if (!body.cursor || body.cursor === cursor || (body.results ?? []).length === 0) break;
      cursor = body.cursor;
    }
    return results;
  }

  async patch(path: string, body: unknown): Promise<void> {
    await this.send("PATCH", path, body);
  }

  async post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
    return (await this.send("POST", path, body)).body as T;
  }

  /** DELETE; `accept` adds statuses that are not failures here (404: already gone). */
  async delete(path: string, accept: readonly number[] = [200, 202, 204, 404]): Promise<number> {
    return (await this.send("DELETE", path, undefined, accept)).status;
  }

  /** The raw reply, for callers that act on a refusal (a group still in use). */
  send(
    method: string,
    path: string,
    body?: unknown,
    accept?: readonly number[],
  ): Promise<JsonReply> {
    return this.http.request(method, path, {
      body,
      accept,
      headers: { Authorization: this.authorization },
    });
  }
}

/** NSX's error of a refused reply, for messages of callers that accepted the status. */
export function nsxErrorText(reply: JsonReply): string {
  return readNsxError(reply);
}
