import { listOf } from '#schemas/common.ts';
import { markReadSchema, noticeListQuerySchema, noticeRulesSchema, noticeSchema, unreadCountSchema } from '#schemas/notices.ts';
import type { RouteSpec } from './routes.ts';

/**
 * Notices (消息): the caller's own, how many are unread, marking them read; and the time-based
 * rules' thresholds (admins). Each list of routes written out has a module of its own: building one
 * runs schema code, so a function carries the schemas of its own list only.
 */
export const NOTICE_ROUTES = [
  {
    method: 'GET', path: '/notices', handler: 'notices/list', access: 'read', auth: 'signed-in', permission: 'notices.read',
    operationId: 'listNotices', summary: "The caller's notices (消息), newest first: a head's (to the head and their staff) and their region's (to its staff)", tag: 'notices',
    query: noticeListQuerySchema,
    responses: { 200: { description: 'A page of notices, each with when the caller read it (null: unread)', schema: listOf(noticeSchema) } },
  },
  {
    method: 'GET', path: '/notices/unread', handler: 'notices/unread', access: 'read', auth: 'signed-in', permission: 'notices.read',
    operationId: 'countUnreadNotices', summary: "How many of the caller's notices they have not read (未读)", tag: 'notices',
    responses: { 200: { description: 'The count', schema: unreadCountSchema } },
  },
  {
    method: 'POST', path: '/notices/read', handler: 'notices/read', access: 'write', auth: 'signed-in', permission: 'notices.read',
    operationId: 'markNoticesRead', summary: "Mark notices read for the caller alone (all of the caller's without `ids`); ids not the caller's are passed over", tag: 'notices',
    body: markReadSchema,
    responses: { 204: { description: 'Marked' } },
  },
  {
    method: 'GET', path: '/notice-rules', handler: 'notices/rules', access: 'read', auth: 'signed-in', permission: 'notices.rules',
    operationId: 'getNoticeRules', summary: 'The time-based rules of notices as they apply: day thresholds and whether each is on', tag: 'notices',
    responses: { 200: { description: 'Every time-based rule', schema: noticeRulesSchema } },
  },
  {
    method: 'PUT', path: '/notice-rules', handler: 'notices/put-rules', access: 'write', auth: 'signed-in', permission: 'notices.rules',
    operationId: 'putNoticeRules', summary: 'Set time-based rules (each rule given replaces its setting; the others keep theirs)', tag: 'notices',
    body: noticeRulesSchema,
    responses: { 200: { description: 'Every time-based rule as it now applies', schema: noticeRulesSchema } },
  },
] as const satisfies readonly RouteSpec[];
