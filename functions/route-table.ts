import { KINDS } from '#schemas/kinds/index.ts';
import { recordRoutes, type RouteSpec } from './routes.ts';
import { REFERENCE_ROUTES } from './reference-routes.ts';
import { MINISTER_ROUTES } from './minister-routes.ts';
import { BRANCH_ROUTES } from './branch-routes.ts';
import { REPORTING_ROUTES } from './reporting-routes.ts';
import { SUGGESTION_ROUTES } from './suggestion-routes.ts';
import { ATTACHMENT_ROUTES } from './attachment-routes.ts';
import { SCORECARD_ROUTES } from './scorecard-routes.ts';
import { WORK_ROUTES } from './work-routes.ts';
import { bulkReviewRoute } from './bulk-review-routes.ts';
import { NOTICE_ROUTES } from './notice-routes.ts';
import { ROBOT_ROUTES } from './robot-routes.ts';
import { MONTH_ROUTES } from './month-routes.ts';
// 验收销号 (issue 24)
import { ACCEPTANCE_ROUTES } from './acceptance-routes.ts';
import { BULLETIN_ROUTES } from './bulletin-routes.ts';
// 用户管理 (issue 25)
import { ACCOUNT_ROUTES } from './account-routes.ts';

/**
 * The whole route table: the lists written out, one module each (reference, ministers, branches,
 * reporting, suggestions, evidence, scorecards, notices, robots), then the seven routes of each kind of the catalogue (routes.ts) and its 批量通过 (bulk-review-routes.ts).
 * Read by the CDK stack, the local server, the OpenAPI generator and the tests; a function's own
 * handler imports only its list, so it need not carry every kind or every list's schemas.
 */
export const ROUTES: readonly RouteSpec[] = [
  ...REFERENCE_ROUTES, ...MINISTER_ROUTES, ...BRANCH_ROUTES, ...REPORTING_ROUTES, ...SUGGESTION_ROUTES, ...WORK_ROUTES, ...ATTACHMENT_ROUTES, ...SCORECARD_ROUTES, ...NOTICE_ROUTES, ...ROBOT_ROUTES,
  ...MONTH_ROUTES,
  ...BULLETIN_ROUTES,
  ...KINDS.flatMap((kind) => [...Object.values(recordRoutes(kind.form)), bulkReviewRoute(kind.form)]),
  ...ACCEPTANCE_ROUTES,
  ...ACCOUNT_ROUTES,
];
