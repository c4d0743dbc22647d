import { KINDS } from '#schemas/kinds/index.ts';
import { FIXED_ROUTES, recordRoutes, type RouteSpec } from './routes.ts';
import { ATTACHMENT_ROUTES } from './attachment-routes.ts';
import { SCORECARD_ROUTES } from './scorecard-routes.ts';

/**
 * The whole route table: the routes written out in routes.ts, the evidence routes (attachment-routes.ts), the
 * scorecard routes (scorecard-routes.ts), then the seven of each kind of the
 * catalogue. Read by the CDK stack, the local server, the OpenAPI generator and the tests; a
 * function's own handler reads only its part (routes.ts), so it need not carry every kind.
 */
export const ROUTES: readonly RouteSpec[] = [...FIXED_ROUTES, ...ATTACHMENT_ROUTES, ...SCORECARD_ROUTES, ...KINDS.flatMap((kind) => Object.values(recordRoutes(kind.form)))];
