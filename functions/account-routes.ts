import { listOf } from '#schemas/common.ts';
import { accountInputSchema, accountListQuerySchema, accountParamsSchema, accountSchema } from '#schemas/accounts.ts';
import type { RouteSpec } from './routes.ts';

/**
 * Accounts (用户管理): admins every account, staff the submitters and staff of their region. Which
 * directory keeps them (the user pool, or our own table) is the function's config, not the route's.
 */
export const ACCOUNT_ROUTES = [
  {
    method: 'GET', path: '/accounts', handler: 'accounts/list', access: 'read', auth: 'signed-in', permission: 'accounts.manage',
    operationId: 'listAccounts', summary: 'Accounts of a region (and below), of one role when asked, by username', tag: 'accounts',
    query: accountListQuerySchema,
    responses: { 200: { description: 'A page of accounts', schema: listOf(accountSchema) } },
  },
  {
    method: 'GET', path: '/accounts/{username}', handler: 'accounts/get', access: 'read', auth: 'signed-in', permission: 'accounts.manage',
    operationId: 'getAccount', summary: 'An account (never a password or secret)', tag: 'accounts',
    params: accountParamsSchema,
    responses: { 200: { description: 'The account', schema: accountSchema } },
  },
  {
    method: 'PUT', path: '/accounts/{username}', handler: 'accounts/put', access: 'write', auth: 'signed-in', permission: 'accounts.manage',
    operationId: 'putAccount', summary: 'Create (the user pool invites the person) or replace an account; disabling it stops its next sign-in and token refresh', tag: 'accounts',
    params: accountParamsSchema, body: accountInputSchema,
    responses: { 200: { description: 'Replaced', schema: accountSchema }, 201: { description: 'Created', schema: accountSchema } },
  },
] as const satisfies readonly RouteSpec[];
