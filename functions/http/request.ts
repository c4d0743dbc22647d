import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  BadRequestError, type FieldIssue, NotFoundError, PayloadTooLargeError, PreconditionFailedError,
  PreconditionRequiredError, UnsupportedMediaTypeError, ValidationError,
} from '#schemas/errors.ts';

/** The API's request size limit: a visit with 200 long suggestions still fits. */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Body → JSON value, refusing (in this order) other media types (415), size (413), bad UTF-8 or JSON (400). */
export function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const contentType = event.headers?.['content-type'];
  if (!contentType || !JSON_TYPE.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError({ zh: `不支持的内容类型：${contentType ?? '（未提供）'}`, en: `Unsupported content type: ${contentType ?? '(none)'}` });
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError({ zh: `内容不能超过 ${MAX_BODY_BYTES / 1024} KiB`, en: `The body may not exceed ${MAX_BODY_BYTES / 1024} KiB` });
  }
  let text: string;
  try {
    text = event.isBase64Encoded ? strictUtf8.decode(bytes) : raw;
  } catch {
    throw new BadRequestError({ zh: '内容不是有效的 UTF-8 文本', en: 'The body is not valid UTF-8' });
  }
  if (text.trim() === '') throw new BadRequestError({ zh: '请求内容为空', en: 'The body is empty' });
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError({ zh: '内容不是有效的 JSON', en: 'The body is not valid JSON' });
  }
}

type ErrorFactory = (fields: FieldIssue[]) => Error;

export const invalidBody: ErrorFactory = (fields) => new ValidationError(undefined, fields);
export const invalidQuery: ErrorFactory = (fields) => new BadRequestError(undefined, fields);
/** A malformed id cannot name a record: say 404 rather than explain the id format. */
export const invalidPath: ErrorFactory = () => new NotFoundError();

/**
 * The version a write expects, from `If-Match: "3"` (weak tags accepted: the ETag is a version
 * number, so weak and strong comparison agree). `*` means "whatever is current".
 */
export function expectedVersion(event: APIGatewayProxyEventV2): number | '*' {
  const header = event.headers?.['if-match']?.trim();
  if (!header) throw new PreconditionRequiredError();
  if (header === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  if (!match) throw new PreconditionFailedError({ zh: 'If-Match 应为记录的 ETag，例如 "3"', en: 'If-Match must be the record\'s ETag, e.g. "3"' });
  return Number(match[1]);
}
