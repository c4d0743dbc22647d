import * as z from 'zod/mini';
import { listQueryBase, nameTextSchema, regionCodeSchema, slugIdSchema } from './common.ts';
import { ROLES, type Role } from './access.ts';

/**
 * Accounts (用户管理): who may sign in, with what role, region and head. The same shape whichever
 * directory keeps them (the user pool, or our own table behind another OpenID Connect issuer), and
 * never a password or secret: the user pool invites by its own message, the other issuer keeps its own.
 */

/** The issuer's subject, or the phone or employee number its token carries; a Cognito username fits too. */
export const usernameSchema = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/));

export const roleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

/** A mainland mobile number, with or without +86 (the user pool stores it as +86…). */
export const phoneSchema = z.string().check(z.regex(/^(\+86)?1\d{10}$/));

export const accountParamsSchema = z.strictObject({ username: usernameSchema });

/** `PUT /accounts/{username}`. */
export const accountInputSchema = z.strictObject({
  name: nameTextSchema(50),
  role: roleSchema,
  region: regionCodeSchema,
  ministerId: z.optional(slugIdSchema),
  phone: z.optional(phoneSchema),
  enabled: z.boolean(),
});
export type AccountInput = z.output<typeof accountInputSchema>;

/** An account as the API answers it. */
export const accountSchema = z.object({
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  region: z.string(),
  ministerId: z.optional(z.string()),
  phone: z.optional(z.string()),
  enabled: z.boolean(),
  updatedAt: z.string(),
}).register(z.globalRegistry, { id: 'Account' });
export type Account = z.output<typeof accountSchema>;

export const accountListQuerySchema = z.strictObject({ region: z.optional(regionCodeSchema), role: z.optional(roleSchema), ...listQueryBase });
export type AccountListQuery = z.output<typeof accountListQuerySchema>;
