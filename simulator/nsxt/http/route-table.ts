import type { Handler } from "./exchange";

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
}

export type RouteMatch =
  | { readonly kind: "found"; readonly handler: Handler; readonly params: Record<string, string> }
  | { readonly kind: "method-not-allowed"; readonly allowed: readonly string[] }
  | { readonly kind: "not-found" };

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function isParameter(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/**
 * Published paths with `{parameter}` segments. When two patterns fit one path, the one with more
 * literal segments wins (`/service-instances` before `/services/{service-id}`-like siblings).
 */
export class RouteTable {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const fitting = this.routes
      .map((route) => ({ route, params: this.bind(route.segments, segments) }))
      .filter((candidate) => candidate.params !== undefined);
    if (fitting.length === 0) return { kind: "not-found" };
    const literalCount = (route: Route) => route.segments.filter((s) => !isParameter(s)).length;
    const best = Math.max(...fitting.map((candidate) => literalCount(candidate.route)));
    const mostSpecific = fitting.filter((candidate) => literalCount(candidate.route) === best);
    const found = mostSpecific.find((candidate) => candidate.route.method === method);
    if (found) return { kind: "found", handler: found.route.handler, params: found.params! };
    return {
      kind: "method-not-allowed",
      allowed: [...new Set(mostSpecific.map((candidate) => candidate.route.method))].sort(),
    };
  }

  private bind(
    pattern: readonly string[],
    segments: readonly string[],
  ): Record<string, string> | undefined {
    if (pattern.length !== segments.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      let segment: string;
      try {
        segment = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
      if (isParameter(pattern[i])) params[pattern[i].slice(1, -1)] = segment;
      else if (pattern[i] !== segment) return undefined;
    }
    return params;
  }
}
