import type { IssueLike, Lang } from './messages.ts';

/** Text in both languages of the API; Simplified Chinese is the default. */
export type Localized = Record<Lang, string>;

/** One invalid field: where it is, and the issue that describes it (phrased per language later). */
export interface FieldIssue {
  path: string;
  issue: IssueLike;
}

/**
 * An error the caller can act on. It carries its HTTP status and is rendered as problem+json;
 * anything that is not an AppError becomes a plain 500 that reveals nothing.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Last segment of the problem `type` URI. */
  abstract readonly slug: string;
  abstract readonly title: Localized;
  constructor(
    readonly detail?: Localized,
    readonly fields: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail?.en ?? new.target.name);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly slug = 'bad-request';
  readonly title = { zh: '请求有误', en: 'Bad request' };
}

/** No token, or one that is not valid (API Gateway's JWT authorizer answers these on AWS). */
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly slug = 'unauthorized';
  readonly title = { zh: '请先登录', en: 'Sign in first' };
}

/** Signed in, but this is not theirs to do (a role or a region outside theirs). */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = { zh: '无权进行此操作', en: 'Not allowed' };
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = { zh: '找不到该记录', en: 'Not found' };
}

/** An id reused with a different body, or a state change the record's status does not allow. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly slug = 'conflict';
  readonly title = { zh: '与已有记录冲突', en: 'Conflict' };
}

/**
 * An attachment already judged is announced again: its verdict is final (stored bytes are never
 * replaced; rejected ones are not sent again under the same id). The type says which, so a phone
 * that lost the verdict learns it from this answer.
 */
export class AttachmentJudgedError extends AppError {
  readonly status = 409;
  readonly title = { zh: '该佐证材料已有校验结果', en: 'This attachment has been judged already' };
  constructor(readonly slug: 'attachment-stored' | 'attachment-rejected', detail: Localized) {
    super(detail);
  }
}

export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly slug = 'stale-version';
  readonly title = { zh: '记录已被他人修改，请刷新后重试', en: 'The record has changed since you read it' };
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = { zh: '提交内容过大', en: 'Payload too large' };
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = { zh: '请以 JSON 格式提交', en: 'Send JSON (application/json)' };
}

/** Well-formed JSON that breaks the schema or a business rule; every bad field is listed. */
export class ValidationError extends AppError {
  readonly status = 422;
  readonly slug = 'validation';
  readonly title = { zh: '提交的内容有误', en: 'The submission has invalid fields' };
}

export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly slug = 'if-match-required';
  readonly title = { zh: '修改前请提供 If-Match（记录的 ETag）', en: "If-Match (the record's ETag) is required" };
}

/** The database is throttling or unreachable for a moment: the client should retry later. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly slug = 'unavailable';
  readonly title = { zh: '服务繁忙，请稍后重试', en: 'Busy, retry shortly' };
  constructor(retryAfterSeconds = 1) {
    super(undefined, [], { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** A rule broken by one field, e.g. an unknown minister: a 422 naming that field. */
export const fieldRule = (path: string, key: string): ValidationError =>
  new ValidationError(undefined, [{ path, issue: { code: 'custom', params: { key } } }]);

/** A write of a record whose month is signed off there (月度报送: 已报送, 已审核 or 已确认): the detail names the month, the region and who may reopen it. */
export class MonthLockedError extends AppError {
  readonly status = 409;
  readonly slug = 'month-locked';
  readonly title = { zh: '本月已报送，不能修改', en: 'The month has been signed off' };
}
