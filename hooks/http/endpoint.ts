import * as fs from "fs";
import { isIP } from "net";
import { HookError } from "../hook-error";

/*
 * Where a hook connects, checked before any request: https always (with the certificate
 * verified), plain http only to this machine's loopback (tests, a local proxy), never credentials
 * inside the URL. URLs are shown without userinfo, so no message can carry a password.
 */

/** A URL as it may be printed: scheme, host, port and path, never userinfo, query or fragment. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  return isIP(host) === 4 && host.startsWith("127.");
}

export interface Endpoint {
  /** Base URL without a trailing slash and without userinfo. */
  readonly url: URL;
  /** Extra trusted CA certificates (PEM) for https, from the CA file variable. */
  readonly ca?: string;
}

/**
 * The endpoint named by `value` (from the variable `variable`), checked: a parseable http(s) URL
 * without userinfo; http only to loopback; the CA file, when given, readable.
 */
export function parseEndpoint(
  variable: string,
  value: string,
  caVariable: string,
  caFile: string | undefined,
): Endpoint {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HookError(`${variable} is not a URL; give it as https://host[:port]`);
  }
  if (url.username || url.password) {
    url.username = "";
    url.password = "";
    throw new HookError(
      `${variable} (${displayUrl(url)}) must not carry credentials; set them in the username and password variables instead`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HookError(`${variable} (${displayUrl(url)}) must be an https:// URL`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new HookError(
      `${variable} (${displayUrl(url)}) is plain http to a host that is not this machine's loopback; credentials would cross the network unencrypted: use https://`,
    );
  }
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "");
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = fs.readFileSync(caFile, "utf8");
    } catch (error) {
      throw new HookError(
        `${caVariable} (${caFile}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    if (!ca.includes("-----BEGIN CERTIFICATE-----")) {
      throw new HookError(`${caVariable} (${caFile}) holds no PEM certificate`);
    }
  }
  return { url, ca };
}
