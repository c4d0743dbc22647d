import type { RouteSpec } from '#functions/routes.ts';

/** What the local server needs of a route; the rest of a RouteSpec is for CDK and OpenAPI. */
export type LocalRoute = Pick<RouteSpec, 'method' | 'path' | 'handler'> & Partial<Pick<RouteSpec, 'auth'>>;

export type RouteMatch =
  | { kind: 'route'; route: LocalRoute; pathParameters?: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** A path whose percent-encoding cannot be decoded (`/visits/%E4%B8`). */
export class MalformedPathError extends Error {}

type Segment = { literal: string } | { param: string; greedy: boolean };

interface CompiledRoute {
  route: LocalRoute;
  segments: Segment[];
  /** Per segment: 0 literal, 1 `{param}`, 2 `{param+}`; lower sorts first. */
  rank: number[];
}

function compile(route: LocalRoute): CompiledRoute {
  const segments = route.path.split('/').slice(1).map((part): Segment => {
    const param = /^\{(\w+)(\+?)\}$/.exec(part);
    return param ? { param: param[1], greedy: param[2] === '+' } : { literal: part };
  });
  return { route, segments, rank: segments.map((s) => ('literal' in s ? 0 : s.greedy ? 2 : 1)) };
}

/** API Gateway picks the most specific route: a literal segment beats `{param}`, which beats `{proxy+}`. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) {
    if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
  }
  return b.rank.length - a.rank.length;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
    } else if (segment.greedy) {
      if (i >= parts.length) return undefined;
      params[segment.param] = parts.slice(i).join('/');
      return params;
    } else {
      if (!parts[i]) return undefined;
      params[segment.param] = parts[i];
    }
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * Matches requests against a route table as an HTTP API does. Takes the path as sent
 * (percent-encoded) and decodes each segment, so an encoded `/` stays inside its parameter.
 */
export function routeMatcher(routes: readonly LocalRoute[]): (method: string, encodedPath: string) => RouteMatch {
  const compiled = routes.map(compile).sort(bySpecificity);
  return (method, encodedPath) => {
    const parts = encodedPath.split('/').slice(1).map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        throw new MalformedPathError(`malformed percent-encoding in ${encodedPath}`);
      }
    });
    const allow = new Set<string>();
    for (const candidate of compiled) {
      const params = matchSegments(candidate.segments, parts);
      if (!params) continue;
      if (candidate.route.method !== method) {
        allow.add(candidate.route.method);
        continue;
      }
      return { kind: 'route', route: candidate.route, ...(Object.keys(params).length ? { pathParameters: params } : {}) };
    }
    return allow.size ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}
