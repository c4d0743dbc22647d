import { listOf } from '#schemas/common.ts';
import { deliveryListQuerySchema, deliverySchema, robotInputSchema, robotParamsSchema, robotSchema } from '#schemas/robots.ts';
import type { RouteSpec } from './routes.ts';

/**
 * Group robots (群机器人): a region's DingTalk or WeCom robot, which receives its notices (admins).
 * Each list of routes written out has a module of its own: building one runs schema code, so a
 * function carries the schemas of its own list only.
 */
export const ROBOT_ROUTES = [
  {
    method: 'PUT', path: '/robots/{regionCode}', handler: 'robots/put', access: 'write', robotSecrets: 'write', auth: 'signed-in', permission: 'robots.manage',
    operationId: 'putRobot', summary: "Set a region's group robot (钉钉 / 企业微信): its webhook and DingTalk's signing secret, kept encrypted", tag: 'robots',
    params: robotParamsSchema, body: robotInputSchema,
    responses: { 200: { description: 'Replaced', schema: robotSchema }, 201: { description: 'Created', schema: robotSchema } },
  },
  {
    method: 'GET', path: '/robots/{regionCode}', handler: 'robots/get', access: 'read', auth: 'signed-in', permission: 'robots.manage',
    operationId: 'getRobot', summary: "A region's group robot: its type, its webhook with the token masked, whether a secret is set (never the secret)", tag: 'robots',
    params: robotParamsSchema,
    responses: { 200: { description: 'The robot', schema: robotSchema } },
  },
  {
    method: 'DELETE', path: '/robots/{regionCode}', handler: 'robots/delete', access: 'write', robotSecrets: 'write', auth: 'signed-in', permission: 'robots.manage',
    operationId: 'deleteRobot', summary: "Remove a region's group robot and its credential", tag: 'robots',
    params: robotParamsSchema,
    responses: { 204: { description: 'Removed' } },
  },
  {
    method: 'GET', path: '/deliveries', handler: 'robots/deliveries', access: 'read', auth: 'signed-in', permission: 'robots.manage',
    operationId: 'listDeliveries', summary: 'The delivery log (投递记录): each post to a robot, newest first, with its attempts and last answer', tag: 'robots',
    query: deliveryListQuerySchema,
    responses: { 200: { description: 'A page of deliveries', schema: listOf(deliverySchema) } },
  },
] as const satisfies readonly RouteSpec[];
