import { httpHandler } from '#functions/http/handler.ts';
import { REFERENCE_ROUTES } from '#functions/reference-routes.ts';
import { routeIn } from '#functions/routes.ts';

/**
 * The caller as the API sees them. The pages ask it when the sign-in token does not carry the role
 * and region (the China profile's issuer), and keep the answer until the next sign-in: a changed
 * region or head takes effect then.
 */
export const handler = httpHandler(routeIn(REFERENCE_ROUTES, 'GET /me'), async ({ actor }) => {
  const { sub, role, region, ministerId, name } = actor.caller!;
  return { status: 200, body: { sub, role, region, ...(ministerId ? { ministerId } : {}), ...(name ? { name } : {}) }, headers: { 'Cache-Control': 'private, no-store' } };
});
