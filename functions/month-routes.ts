import { listOf } from '#schemas/common.ts';
import {
  monthActionBodySchema, monthActionParamsSchema, monthListQuerySchema, monthParamsSchema, monthSummarySchema, regionMonthSchema,
} from '#schemas/months.ts';
import type { RouteSpec } from './routes.ts';

/** The monthly close (月度报送): a region's month, its steps, and the months of a region by state. */
export const MONTH_ROUTES = [
  {
    method: 'GET', path: '/months/{month}/{regionCode}', handler: 'months/get', access: 'read', auth: 'signed-in', permission: 'months.read',
    operationId: 'getMonth', summary: "A region's month (月度报送): its state, its records and those awaiting review, its children's states, its trail", tag: 'months',
    params: monthParamsSchema,
    responses: { 200: { description: 'The month', schema: regionMonthSchema } },
  },
  {
    method: 'POST', path: '/months/{month}/{regionCode}/{action}', handler: 'months/act', access: 'write', auth: 'signed-in', permission: 'months.act',
    operationId: 'actOnMonth', summary: "A step of a region's month: 报送 submit, 审核通过 approve, 退回 return, 确认 confirm, 重新打开 reopen (If-Match: the month's ETag)", tag: 'months',
    params: monthActionParamsSchema, body: monthActionBodySchema, ifMatch: 'required',
    responses: { 200: { description: 'The month after the step', schema: regionMonthSchema } },
  },
  {
    method: 'GET', path: '/months', handler: 'months/list', access: 'read', auth: 'signed-in', permission: 'months.read',
    operationId: 'listMonths', summary: "A region's months that were acted on, oldest first (state=confirmed: the months signed off for good)", tag: 'months',
    query: monthListQuerySchema,
    responses: { 200: { description: 'A page of months', schema: listOf(monthSummarySchema) } },
  },
] as const satisfies readonly RouteSpec[];
