import * as z from 'zod/mini';
import { ROLES, type Role } from './access.ts';

export const healthSchema = z.object({ status: z.literal('ok'), time: z.iso.datetime() }).register(z.globalRegistry, { id: 'Health' });

const regionNode = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'prefecture', 'county']) });

export const regionTreeSchema = z
  .extend(regionNode, { children: z.array(z.extend(regionNode, { children: z.array(regionNode) })) })
  .register(z.globalRegistry, { id: 'RegionTree' });

/**
 * Who the caller is here, as the API sees them: what the pages show and decide on when the sign-in
 * token does not say it (another OpenID Connect issuer, whose people our own directory describes).
 */
export const meSchema = z.object({
  sub: z.string(),
  role: z.enum(Object.keys(ROLES) as [Role, ...Role[]]),
  region: z.string(),
  ministerId: z.optional(z.string()),
  name: z.optional(z.string()),
}).register(z.globalRegistry, { id: 'Me' });
