import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '#schemas/errors.ts';
import type { RouteSpec } from '#functions/routes.ts';
import { preferredLang } from '../lang.ts';
import { logger, recordSubmission } from '../observability.ts';
import { problemResponse } from '../problem.ts';

/** Errors become problem+json (a 5xx says nothing of its cause); writes count as accepted, rejected or failed. */
export function problemsAndMetrics(route: Pick<RouteSpec, 'method' | 'operationId'>): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const isWrite = route.method !== 'GET';
  const count = (status: number | undefined) => {
    if (isWrite) recordSubmission(route.operationId, status ?? 500);
  };
  return {
    after: ({ response }) => count(response?.statusCode),
    onError: (request) => {
      const { error, event } = request;
      if (error instanceof AppError && error.status < 500) {
        logger.info('request refused', { status: error.status, problem: error.slug });
      } else {
        logger.error('request failed', error as Error);
      }
      request.response = problemResponse(error, preferredLang(event.headers?.['accept-language']), event.requestContext.requestId);
      count(request.response.statusCode);
    },
  };
}
