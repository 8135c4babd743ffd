import { randomUUID, timingSafeEqual } from "crypto";
import type { SimRequest, SimResponse } from "./exchange";
import { ERROR_CODE, NsxApiError } from "./nsx-api-error";

const SESSION_COOKIE = "JSESSIONID";
const XSRF_HEADER = "x-xsrf-token";

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function forbidden(): NsxApiError {
  return new NsxApiError(
    403,
    ERROR_CODE.forbidden,
    "The credentials were incorrect or the account specified has been locked.",
  );
}

/**
 * NSX Manager authentication: HTTP basic authentication on every request, or a session from
 * `POST /api/session/create` (form fields j_username, j_password) used with its JSESSIONID cookie
 * and X-XSRF-TOKEN header. A request with neither, or with wrong credentials, gets 403 Forbidden
 * with error_code 403, as NSX Managers answer (the API reference maps "Unauthorized" to 403).
 */
export class NsxAuthentication {
  private readonly sessions = new Map<string, string>();

  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {}

  basicMatches(authorization: string | undefined): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) return false;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return (
      colon >= 0 &&
      sameText(decoded.slice(0, colon), this.user) &&
      sameText(decoded.slice(colon + 1), this.password)
    );
  }

  authenticate(request: SimRequest): void {
    if (request.headers.authorization !== undefined) {
      if (this.basicMatches(request.headers.authorization)) return;
      throw forbidden();
    }
    const session = this.sessionOf(request);
    const token = request.headers[XSRF_HEADER];
    if (
      session === undefined ||
      typeof token !== "string" ||
      this.sessions.get(session) !== token
    ) {
      throw forbidden();
    }
  }

  createSession(request: SimRequest): SimResponse {
    const form = new URLSearchParams(request.rawBody);
    const user = form.get("j_username") ?? "";
    const password = form.get("j_password") ?? "";
    if (!sameText(user, this.user) || !sameText(password, this.password)) throw forbidden();
    const session = randomUUID();
    const token = randomUUID();
    this.sessions.set(session, token);
    return {
      status: 200,
      headers: {
        "Set-Cookie": `${SESSION_COOKIE}=${session}; Path=/; HttpOnly`,
        "X-XSRF-TOKEN": token,
      },
    };
  }

  destroySession(request: SimRequest): SimResponse {
    this.authenticate(request);
    const session = this.sessionOf(request);
    if (session !== undefined) this.sessions.delete(session);
    return { status: 200 };
  }

  private sessionOf(request: SimRequest): string | undefined {
    const cookies = (request.headers.cookie ?? "").split(";").map((c) => c.trim().split("="));
    return cookies.find(([name]) => name === SESSION_COOKIE)?.[1];
  }
}
