import * as ipaddr from "ipaddr.js";
import { quote } from "./messages";

/*
 * Grammars of the estate's named values. Every value that reaches a Terraform file or a hook's
 * environment has one, so that shell syntax (`;`, `$(...)`, backticks, newlines) and Terraform
 * template syntax (`${...}`, `%{...}`) can never arrive there through a name.
 */

/** Stack name: becomes a folder under cdktf.out/stacks and part of state names. */
export const MANAGER_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * vSphere inventory names (clusters, datastores, port groups): letters of any script, digits,
 * spaces and a few punctuation marks, at most 80 characters (vSphere's own limit).
 */
export const INVENTORY_NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} _.()+@#-]{0,78}[\p{L}\p{N}_.()+@#-])?$/u;

export function isIPv4(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value);
}

/** A DNS host name (RFC 1123) or a dotted-quad IPv4 address. */
export function isHostNameOrIPv4(value: string): boolean {
  if (/^[0-9.]+$/.test(value)) return isIPv4(value);
  if (value.length > 253) return false;
  const labels = value.replace(/\.$/, "").split(".");
  // A top-level label of digits only would make "10.0.0.300" a host name.
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return false;
  return labels.every((label) => HOST_LABEL.test(label));
}

export type CidrCheck = { ok: true } | { ok: false; message: string };

/** An IPv4 or IPv6 network in CIDR notation whose address is the network's first address. */
export function checkCidr(value: string): CidrCheck {
  if (!value.includes("/")) {
    return {
      ok: false,
      message: `${quote(value)} has no prefix length; write a network such as 10.0.5.0/24`,
    };
  }
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    if (value.includes(":")) {
      parsed = ipaddr.IPv6.parseCIDR(value);
    } else {
      const [address] = value.split("/");
      if (!isIPv4(address)) throw new Error("not a dotted quad");
      parsed = ipaddr.IPv4.parseCIDR(value);
    }
  } catch {
    return {
      ok: false,
      message: `${quote(value)} is not an IPv4 or IPv6 network in CIDR notation (e.g. 10.0.5.0/24)`,
    };
  }
  const [address, prefix] = parsed;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(value)
      : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toNormalizedString() !== address.toNormalizedString()) {
    return {
      ok: false,
      message: `${quote(value)} has host bits set; did you mean ${network.toString()}/${prefix}?`,
    };
  }
  return { ok: true };
}

/**
 * The source of an exclusion's scope (KSV help 67238): one IP address, or a subnet in CIDR
 * notation; IPv4 or IPv6.
 */
export function checkTrafficSource(value: string): CidrCheck {
  if (value.includes("/")) return checkCidr(value);
  // A zone index (fe80::1%eth0) names an interface of one machine: it means nothing in a policy.
  const valid = value.includes(":")
    ? ipaddr.IPv6.isValid(value) && !value.includes("%")
    : isIPv4(value);
  return valid
    ? { ok: true }
    : {
        ok: false,
        message: `${quote(value)} is not an IP address or a subnet (e.g. 10.0.5.7, 10.0.5.0/24, fd00::/64)`,
      };
}

/**
 * One spelling per scope, to compare sources: `10.0.5.7` and `10.0.5.7/32` are one address,
 * `FD00:0::1` and `fd00::1` too. A value that does not parse is returned as it is.
 */
export function canonicalSource(value: string): string {
  try {
    const [address, prefix] = value.includes("/")
      ? ipaddr.parseCIDR(value)
      : [ipaddr.parse(value), value.includes(":") ? 128 : 32];
    return `${address.toNormalizedString()}/${prefix}`;
  } catch {
    return value;
  }
}

/** An IPv6 address or subnet. */
export function isIPv6(value: string): boolean {
  return value.includes(":");
}

/**
 * A network activity detection rule, as Kaspersky Security Center events show it (KSV help
 * 67112): `<number>:<number>:<number>`.
 */
export const DETECTION_RULE_ID = /^[0-9]{1,10}:[0-9]{1,10}:[0-9]{1,10}$/;

/**
 * A trusted web address: a URL or a mask of one (`*` for any characters), as the web addresses
 * scan's list takes it (KSV help 60069). Scheme optional, http or https; a path of URL characters
 * but none a shell reads (no spaces, quotes, `;`, `&`, `|`, `$`, parentheses or backticks).
 */
export const WEB_ADDRESS =
  /^(?:https?:\/\/)?[A-Za-z0-9*](?:[A-Za-z0-9*.-]{0,252}[A-Za-z0-9*])?(?::[0-9]{1,5})?(?:\/[A-Za-z0-9*._~+,=:@%/?#-]{0,2000})?$/;

/** Characters that have no place in a URL written by hand and would be shell or template syntax. */
const URL_FORBIDDEN = /[\s"'`\\$<>{}|^]/;

export type UrlCheck = { ok: true } | { ok: false; message: string };

/** The SVM image: an OVF or XML image description served over HTTP or HTTPS. */
export function checkImageUrl(value: string): UrlCheck {
  if (URL_FORBIDDEN.test(value)) {
    return {
      ok: false,
      message: "must be a plain URL without spaces, quotes, $, braces or backslashes",
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      ok: false,
      message: `${quote(value)} is not a URL (e.g. https://repo.example.local/ksv/ntp-svm.ovf)`,
    };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `must be an http:// or https:// URL, not ${url.protocol}//` };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: "must not carry credentials (user:password@); the estate holds no secrets",
    };
  }
  if (!isHostNameOrIPv4(url.hostname)) {
    return {
      ok: false,
      message: `${quote(url.hostname)} is not a valid host name or IPv4 address`,
    };
  }
  if (!/\.(ovf|xml)$/i.test(url.pathname)) {
    return { ok: false, message: "must point to an OVF or XML image description (.ovf or .xml)" };
  }
  return { ok: true };
}
