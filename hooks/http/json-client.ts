import * as http from "http";
import * as https from "https";
import * as tls from "tls";
import { HookError } from "../hook-error";
import { displayUrl, type Endpoint } from "./endpoint";
import { isRetriedError, isRetriedStatus, MAX_RETRIES, retryWaitMs, sleep } from "./retry";

/*
 * JSON over HTTP(S) with node's own http/https: TLS always verified (rejectUnauthorized, with the
 * extra CA of the endpoint added to node's roots), retries bounded (retry.ts), and errors that
 * name the server, the method and the path, never a header: authentication lives only in the
 * headers, which nothing prints.
 */

export interface JsonReply {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: http.IncomingHttpHeaders;
}

/** What a service makes of a status it refused: NSX's error_code/error_message, vAPI's messages. */
export type ErrorReader = (reply: JsonReply) => string;

const REQUEST_TIMEOUT_MS = 120_000;

const TLS_HINTS: Readonly<Record<string, string>> = {
  SELF_SIGNED_CERT_IN_CHAIN: "its certificate chain ends in a CA that is not trusted",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate is signed by a CA that is not trusted",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its certificate is signed by a CA that is not trusted",
  CERT_HAS_EXPIRED: "its certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "its certificate is not issued for this host name",
};

export class JsonClient {
  constructor(
    /** "NSX Manager" or "vCenter", for messages. */
    readonly serverName: string,
    readonly endpoint: Endpoint,
    /** The environment variable of the CA file, for the hint on an untrusted certificate. */
    private readonly caVariable: string,
    private readonly readError: ErrorReader,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get where(): string {
    return `${this.serverName} ${displayUrl(this.endpoint.url)}`;
  }

  /**
   * Sends one request, retrying 429, 503 and connection resets; answers the reply when its status
   * is one of `accept` (2xx by default), throws a HookError otherwise.
   */
  async request(
    method: string,
    path: string,
    options: {
      body?: unknown;
      headers?: Readonly<Record<string, string>>;
      accept?: readonly number[];
    } = {},
  ): Promise<JsonReply> {
    for (let attempt = 0; ; attempt++) {
      let reply: JsonReply;
      try {
        reply = await this.once(method, path, options.body, options.headers ?? {});
      } catch (error) {
        if (isRetriedError(error) && attempt < MAX_RETRIES) {
          const wait = retryWaitMs(attempt + 1);
          this.log(`${this.where}: connection reset on ${method} ${path}; retrying in ${wait} ms`);
          await sleep(wait);
          continue;
        }
        throw this.connectionError(method, path, error);
      }
      const accepted = options.accept
        ? options.accept.includes(reply.status)
        : reply.status >= 200 && reply.status < 300;
      if (accepted) return reply;
      if (isRetriedStatus(reply.status) && attempt < MAX_RETRIES) {
        const retryAfter = reply.headers["retry-after"];
        const wait = retryWaitMs(attempt + 1, typeof retryAfter === "string" ? retryAfter : "");
        this.log(`${this.where}: ${reply.status} on ${method} ${path}; retrying in ${wait} ms`);
        await sleep(wait);
        continue;
      }
      const retried = isRetriedStatus(reply.status) ? ` after ${MAX_RETRIES} retries` : "";
      throw new HookError(
        `${this.where} answered ${reply.status} to ${method} ${path}${retried}: ${this.readError(reply)}`,
      );
    }
  }

  private once(
    method: string,
    path: string,
    body: unknown,
    headers: Readonly<Record<string, string>>,
  ): Promise<JsonReply> {
    const { url: base, ca } = this.endpoint;
    const prefix = base.pathname.replace(/\/+$/, "");
    const url = new URL(`${base.origin}${prefix}${path}`);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const requestOptions: https.RequestOptions = {
      method,
      headers: {
        Accept: "application/json",
        ...(text === undefined
          ? {}
          : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }),
        ...headers,
      },
      timeout: REQUEST_TIMEOUT_MS,
      ...(url.protocol === "https:"
        ? { rejectUnauthorized: true, ca: ca ? [...tls.rootCertificates, ca] : undefined }
        : {}),
    };
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, requestOptions, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = undefined;
          if (raw.trim()) {
            try {
              parsed = JSON.parse(raw);
            } catch {
              parsed = { unparsed: raw.slice(0, 200) };
            }
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
      });
      request.on("timeout", () => {
        request.destroy(Object.assign(new Error("no answer"), { code: "ETIMEDOUT" }));
      });
      request.on("error", reject);
      request.end(text);
    });
  }

  private connectionError(method: string, path: string, error: unknown): HookError {
    const code = (error as NodeJS.ErrnoException)?.code ?? "";
    const tlsHint = TLS_HINTS[code];
    if (tlsHint) {
      return new HookError(
        `${this.where}: TLS verification failed (${code}): ${tlsHint}; set ${this.caVariable} to a PEM file of the CA that signed it`,
      );
    }
    if (code === "ETIMEDOUT") {
      return new HookError(
        `${this.where}: no answer to ${method} ${path} within ${REQUEST_TIMEOUT_MS / 1000} s`,
      );
    }
    const retried = isRetriedError(error) ? ` (after ${MAX_RETRIES} retries)` : "";
    return new HookError(
      `${this.where}: cannot ${method} ${path}: ${code || (error as Error)?.message || String(error)}${retried}`,
    );
  }
}
