import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describeIssue, type Lang } from '#schemas/messages.ts';
import { AppError } from '#schemas/errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const INTERNAL = {
  title: { zh: '服务器内部错误', en: 'Internal server error' },
  detail: { zh: '请稍后重试；若问题持续，请联系管理员。', en: 'Please retry later; if it persists, contact the administrators.' },
};

/** RFC 9457 body for an error. Only AppErrors (all below 500, or a 503 with Retry-After) say anything. */
export function problemResponse(error: unknown, lang: Lang, instance?: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof AppError) {
    const body = {
      type: `/problems/${error.slug}`,
      title: error.title[lang],
      status: error.status,
      ...(error.detail ? { detail: error.detail[lang] } : {}),
      ...(instance ? { instance } : {}),
      ...(error.fields.length ? { errors: error.fields.map((f) => ({ path: f.path, message: describeIssue(f.issue, lang) })) } : {}),
    };
    return {
      statusCode: error.status,
      headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Language': lang === 'zh' ? 'zh-CN' : 'en', ...error.headers },
      body: JSON.stringify(body),
    };
  }
  return {
    statusCode: 500,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify({ type: '/problems/internal', title: INTERNAL.title[lang], status: 500, detail: INTERNAL.detail[lang], ...(instance ? { instance } : {}) }),
  };
}
