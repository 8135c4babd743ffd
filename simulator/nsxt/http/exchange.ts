import type { IncomingHttpHeaders } from "http";

/** What a handler sees of a request: the route's parameters and the parsed body. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly params: Readonly<Record<string, string>>;
  /** The request body as text ("" when there is none). */
  readonly rawBody: string;
}

/** What a handler answers; the server writes `body` as JSON unless it is undefined. */
export interface SimResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export function ok(body?: unknown): SimResponse {
  return { status: 200, body };
}
