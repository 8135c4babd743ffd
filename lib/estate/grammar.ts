import * as ipaddr from "ipaddr.js";
import { quote } from "./messages";

/*
 * Grammars of the estate's named values. Every value that reaches a Terraform file or a hook's
 * environment has one, so that shell syntax (`;`, `$(...)`, backticks, newlines) and Terraform
 * template syntax (`${...}`, `%{...}`) can never arrive there through a name.
 *
 * Each grammar is one regular expression (Unicode mode), and it is the whole rule: the loader
 * accepts exactly what it matches, and schema/estate.schema.json carries the same expression as
 * its `pattern`, so an editor judges a value as the loader does. The functions below only explain
 * a refusal; they never accept what the expression refuses. The one check an expression cannot
 * practically make (the host bits of an IPv6 subnet) is the loader's alone (README lists it).
 */

const whole = (source: string) => new RegExp(`^(?:${source})$`, "u");

/**
 * Names of the estate's own things (NSX groups, redirection rules): lowercase letters, digits,
 * `-` and `_`, starting with a letter or digit, at most 63; they become parts of NSX object IDs.
 */
export const OBJECT_NAME = /^[a-z0-9](?:[a-z0-9_-]{0,62})$/u;

/**
 * An NSX tag (or its scope) as a group criterion: letters of any script, digits, spaces and
 * `_ . : @ + = / -`, at most 128 characters, no space at either end.
 */
export const TAG = /^[\p{L}\p{N}_.:@+=/-](?:[\p{L}\p{N} _.:@+=/-]{0,126}[\p{L}\p{N}_.:@+=/-])?$/u;

/** Stack name: becomes a folder under cdktf.out/stacks and part of state names. */
export const MANAGER_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;

/**
 * vSphere inventory names (clusters, datastores, port groups): letters of any script, digits,
 * spaces and a few punctuation marks, at most 80 characters (vSphere's own limit).
 */
export const INVENTORY_NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} _.()+@#-]{0,78}[\p{L}\p{N}_.()+@#-])?$/u;

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
/** A dotted-quad IPv4 address, without leading zeros. */
const IPV4_SOURCE = `${OCTET}(?:\\.${OCTET}){3}`;
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

/**
 * A DNS host name (RFC 1123, at most 253 characters, a root's trailing dot allowed) or a
 * dotted-quad IPv4 address. A top-level label of digits only is refused: "10.0.0.300" is not a
 * host name but a mistyped address.
 */
export const HOST = whole(
  `${IPV4_SOURCE}|(?=.{1,253}$)(?:${LABEL}\\.)*(?![0-9]+\\.?$)${LABEL}\\.?`,
);

export function isHostNameOrIPv4(value: string): boolean {
  return HOST.test(value);
}

const IPV4 = whole(IPV4_SOURCE);

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** The IPv4 networks whose address has no host bits set, as one expression: /0 to /32. */
function ipv4NetworkSource(): string {
  const alternatives: string[] = [];
  for (let prefix = 0; prefix <= 32; prefix++) {
    const octets: string[] = [];
    for (let i = 0; i < 4; i++) {
      const networkBits = Math.min(8, Math.max(0, prefix - i * 8));
      if (networkBits === 8) octets.push(OCTET);
      else if (networkBits === 0) octets.push("0");
      else {
        const step = 2 ** (8 - networkBits);
        const values = Array.from({ length: 256 / step }, (_, k) => String(k * step));
        octets.push(`(?:${values.reverse().join("|")})`);
      }
    }
    alternatives.push(`${octets.join("\\.")}/${prefix}`);
  }
  return alternatives.join("|");
}

const H16 = "[0-9A-Fa-f]{1,4}";
/** An IPv6 address in hexadecimal groups, with or without `::` (no embedded IPv4, no zone). */
const IPV6_SOURCE = [
  `(?:${H16}:){7}${H16}`,
  `(?:${H16}:){1,7}:`,
  `(?:${H16}:){1,6}:${H16}`,
  `(?:${H16}:){1,5}(?::${H16}){1,2}`,
  `(?:${H16}:){1,4}(?::${H16}){1,3}`,
  `(?:${H16}:){1,3}(?::${H16}){1,4}`,
  `(?:${H16}:){1,2}(?::${H16}){1,5}`,
  `${H16}:(?::${H16}){1,6}`,
  `:(?:(?::${H16}){1,7}|:)`,
].join("|");
const IPV6_PREFIX = "(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])";

/**
 * The source of an exclusion's scope (KSV help 67238): one IP address, or a subnet in CIDR
 * notation whose address is the network's first (IPv4 checked here, IPv6 by the loader).
 */
export const TRAFFIC_SOURCE = whole(
  `${IPV4_SOURCE}|${ipv4NetworkSource()}|(?:${IPV6_SOURCE})(?:/${IPV6_PREFIX})?`,
);

/**
 * `beyondSchema`: the refusal comes from a check JSON Schema does not make (README: what only the
 * loader checks), so an editor will not show it.
 */
export type GrammarCheck = { ok: true } | { ok: false; message: string; beyondSchema?: boolean };

/** Why a traffic source is refused, or ok. */
export function checkTrafficSource(value: string): GrammarCheck {
  if (TRAFFIC_SOURCE.test(value)) return ipv6HostBits(value);
  const example = "(e.g. 10.0.5.7, 10.0.5.0/24, fd00::/64)";
  const [address, prefix, ...more] = value.split("/");
  if (
    more.length === 0 &&
    prefix !== undefined &&
    isIPv4(address) &&
    /^(?:3[0-2]|[12]?[0-9])$/.test(prefix)
  ) {
    const network = ipaddr.IPv4.networkAddressFromCIDR(value);
    return {
      ok: false,
      message: `${quote(value)} has host bits set; did you mean ${network.toString()}/${prefix}?`,
    };
  }
  return { ok: false, message: `${quote(value)} is not an IP address or a subnet ${example}` };
}

/** An IPv6 subnet's address must be its first: a check no pattern makes (the loader's alone). */
function ipv6HostBits(value: string): GrammarCheck {
  if (!value.includes(":") || !value.includes("/")) return { ok: true };
  const [address, prefix] = ipaddr.IPv6.parseCIDR(value);
  const network = ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toNormalizedString() === address.toNormalizedString()) return { ok: true };
  return {
    ok: false,
    message: `${quote(value)} has host bits set; did you mean ${network.toString()}/${prefix}?`,
    beyondSchema: true,
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
    // ::ffff:10.0.0.1 (or ::ffff:a00:1) is 10.0.0.1: one source, written as IPv6.
    if (
      address.kind() === "ipv6" &&
      (address as ipaddr.IPv6).isIPv4MappedAddress() &&
      prefix >= 96
    ) {
      return `${(address as ipaddr.IPv6).toIPv4Address().toNormalizedString()}/${prefix - 96}`;
    }
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
export const DETECTION_RULE_ID = /^[0-9]{1,10}:[0-9]{1,10}:[0-9]{1,10}$/u;

/**
 * A trusted web address: a URL or a mask of one (`*` for any characters), as the web addresses
 * scan's list takes it (KSV help 60069). Scheme optional, http or https; a path of URL characters
 * but none a shell reads (no spaces, quotes, `;`, `&`, `|`, `$`, parentheses or backticks).
 */
export const WEB_ADDRESS =
  /^(?:https?:\/\/)?[A-Za-z0-9*](?:[A-Za-z0-9*.-]{0,252}[A-Za-z0-9*])?(?::[0-9]{1,5})?(?:\/[A-Za-z0-9*._~+,=:@%/?#-]{0,2000})?$/u;

const PORT =
  "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0)";
/** URL characters a hand-written URL may hold, but none that is shell or template syntax. */
const URL_CHAR = "[A-Za-z0-9._~!&()*+,;=:@%-]";

/**
 * The SVM image: an OVF or XML image description served over HTTP or HTTPS, without credentials
 * (no `user:password@`), its path ending in `.ovf` or `.xml`; a query and a fragment may follow.
 */
export const IMAGE_URL = whole(
  `https?://(?=[^/:]{1,253}[/:])(?:${IPV4_SOURCE}|(?:${LABEL}\\.)*(?![0-9]+[/:])${LABEL})(?::${PORT})?` +
    `(?:/${URL_CHAR}*)*\\.(?:[Oo][Vv][Ff]|[Xx][Mm][Ll])(?:\\?(?:${URL_CHAR}|[/?])*)?(?:#(?:${URL_CHAR}|[/?])*)?`,
);

/** Characters that have no place in a URL written by hand and would be shell or template syntax. */
const URL_FORBIDDEN = /[\s"'`\\$<>{}|^]/;

/** Why an image URL is refused, or ok. Never echoes credentials. */
export function checkImageUrl(value: string): GrammarCheck {
  if (IMAGE_URL.test(value)) return { ok: true };
  if (URL_FORBIDDEN.test(value)) {
    return {
      ok: false,
      message: "must be a plain URL without spaces, quotes, $, braces or backslashes",
    };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  const authority = value.slice(scheme?.[0].length ?? 0).split(/[/?#]/)[0];
  if (authority.includes("@")) {
    return {
      ok: false,
      message: "must not carry credentials (user:password@); the estate holds no secrets",
    };
  }
  if (!scheme) {
    return {
      ok: false,
      message: `${quote(value)} is not a URL (e.g. https://repo.example.local/ksv/ntp-svm.ovf)`,
    };
  }
  if (scheme[1] !== "http" && scheme[1] !== "https") {
    return { ok: false, message: `must be an http:// or https:// URL, not ${scheme[1]}://` };
  }
  const host = authority.replace(/:[0-9]*$/, "");
  if (!isHostNameOrIPv4(host) || host.endsWith(".")) {
    return { ok: false, message: `${quote(host)} is not a valid host name or IPv4 address` };
  }
  const path = value.slice(scheme[0].length + authority.length).split(/[?#]/)[0];
  if (!/\.(ovf|xml)$/i.test(path)) {
    return { ok: false, message: "must point to an OVF or XML image description (.ovf or .xml)" };
  }
  return {
    ok: false,
    message: `${quote(value)} is not a valid URL (its port, or a character of its path or query)`,
  };
}

/** The punctuation a reason may hold, as a person reads it in a message. */
export const REASON_PUNCTUATION = ". , ; : ! ? ' \" ( ) / & % # @ + = * -";

/**
 * Why a site acknowledges a warning: one line of letters of any script, digits, spaces and
 * common punctuation, starting with a letter or digit, at most 300 characters. No `$`, braces,
 * backslashes, backticks, `<`, `>`, `|` or line breaks: the reason is written into a Terraform
 * file (the stack's acknowledged_warnings output) and into the plan review's markdown, where
 * template or shell syntax has no place.
 */
export const ACKNOWLEDGEMENT_REASON = /^[\p{L}\p{N}][\p{L}\p{N} .,;:!?'"()/&%#@+=*-]{0,299}$/u;
