import { isDeepStrictEqual } from 'node:util';
import { routeKey, type RouteSpec } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { MalformedPathError, routeMatcher } from '#local/route-matcher.ts';

/**
 * Checks an answer of the API against its contract: the response schema its route declares in the
 * route table, which is also what the OpenAPI document and /schemas/summary.json are generated from.
 */

/** One answer as a client received it. */
export interface ReceivedAnswer {
  method: string;
  /** The path as sent, percent-encoded, without the query. */
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

/** A 2xx answer that is not what its route promises. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

const matchRoute = routeMatcher(ROUTES);
const ROUTE_BY_KEY = new Map(ROUTES.map((route) => [routeKey(route), route]));

/** `application/json` and `application/<x>+json`; CSV downloads and the like have no schema. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

function routeOf(method: string, path: string): RouteSpec | undefined {
  try {
    const match = matchRoute(method.toUpperCase(), path);
    return match.kind === 'route' ? ROUTE_BY_KEY.get(routeKey(match.route)) : undefined;
  } catch (error) {
    // The gateway refuses such a path (400), so no route answered.
    if (error instanceof MalformedPathError) return undefined;
    throw error;
  }
}

/**
 * Where `parsed` differs from `sent`, as paths: parsing drops keys the schema does not know and
 * fills in defaults, so a body can parse and still break the JSON Schema clients get (which is
 * generated for the output: no additional properties, defaulted fields required).
 */
function differences(sent: unknown, parsed: unknown, at = '', out: string[] = []): string[] {
  if (out.length >= 10 || isDeepStrictEqual(sent, parsed)) return out;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObject(sent) && isObject(parsed) && Array.isArray(sent) === Array.isArray(parsed)) {
    for (const key of new Set([...Object.keys(sent), ...Object.keys(parsed)])) {
      const path = at ? `${at}.${key}` : key;
      if (!(key in parsed)) out.push(`${path}: not in the schema`);
      else if (!(key in sent)) out.push(`${path}: missing (the schema defaults it)`);
      else differences(sent[key], parsed[key], path, out);
    }
  } else {
    out.push(`${at || '(root)'}: sent ${JSON.stringify(sent)?.slice(0, 80)}, the schema makes it ${JSON.stringify(parsed)?.slice(0, 80)}`);
  }
  return out;
}

/** Why `answer` breaks its route's contract, or undefined when it keeps it or no contract applies. */
export function contractViolation(answer: ReceivedAnswer): string | undefined {
  if (answer.status < 200 || answer.status > 299) return undefined;
  const route = routeOf(answer.method, answer.path);
  if (!route) return undefined;
  const what = `${routeKey(route)} answered ${answer.status} (${answer.method.toUpperCase()} ${answer.path.slice(0, 200)})`;
  const declared = route.responses[answer.status];
  if (!declared) return `${what}, a status its route does not declare (declared: ${Object.keys(route.responses).join(', ')})`;
  if (!declared.schema || !JSON_MEDIA_TYPE.test(answer.contentType ?? '')) return undefined;

  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `${what} with content-type ${answer.contentType} but a body that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  const result = declared.schema.safeParse(body);
  const problems = result.success
    ? differences(body, result.data)
    : result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  if (!problems.length) return undefined;
  return `${what} with a body that breaks its response schema:\n  ${problems.join('\n  ')}\nbody: ${answer.body.slice(0, 1000)}`;
}

/** Throws a ContractViolation when `answer` breaks its route's contract. */
export function checkAgainstContract(answer: ReceivedAnswer): void {
  const violation = contractViolation(answer);
  if (violation) throw new ContractViolation(violation);
}
