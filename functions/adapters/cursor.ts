import * as z from 'zod/mini';
import { BadRequestError } from '#schemas/errors.ts';
import { intSchema } from '#schemas/common.ts';
import type { Resume, ResumeCodec } from '#functions/ports/records.ts';

export type Key = Record<string, string>;

/** Opaque to clients: base64url JSON of the DynamoDB key to resume after. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const badCursor = () => new BadRequestError({ zh: 'cursor 无效，请从第一页重新开始', en: 'Invalid cursor; start again from the first page' });

/** DynamoDB's limit on a sort key's size (a partition key may be 2048 bytes; every key attribute here is at most this). */
const MAX_KEY_BYTES = 1024;
const keySchema = z.record(z.string(), z.string());

/**
 * A cursor must name exactly the expected key attributes, all non-empty strings DynamoDB would take
 * as keys, in the partition being read, and (`within`) inside the range the query reads.
 */
export function decodeCursor(
  cursor: string | undefined, attributes: readonly string[], partition: Key, within: (key: Key) => boolean = () => true,
): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = keySchema.safeParse(key);
  if (!parsed.success) throw badCursor();
  const named = parsed.data;
  const entries = Object.entries(named);
  const fits =
    entries.length === attributes.length &&
    entries.every(([k, v]) => attributes.includes(k) && v !== '' && Buffer.byteLength(v) <= MAX_KEY_BYTES) &&
    Object.entries(partition).every(([k, v]) => named[k] === v) &&
    within(named);
  if (!fits) throw badCursor();
  return named;
}

/** A page within one known partition, resumed after the sort key of its last item (`valid` narrows what that key may be). */
export const encodeSortKeyCursor = (sortKey: string): string => encodeCursor({ before: sortKey });

export function decodeSortKeyCursor(cursor: string | undefined, valid: (sortKey: string) => boolean = () => true): string | undefined {
  return decodeCursor(cursor, ['before'], {}, (key) => valid(key.before))?.before;
}

/** A resume as encodeResume writes it: a page's own cursor (a DynamoDB key, well below 2 KB) and up to a page of items used. */
const resumeSchema = z.strictObject({ page: z.optional(z.string().check(z.maxLength(2048))), skip: intSchema(0, 500) });

export function encodeResume(resume: Resume): string {
  return Buffer.from(JSON.stringify(resume), 'utf8').toString('base64url');
}

export function decodeResume(cursor: string | undefined): Resume | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const resume = resumeSchema.safeParse(value);
  if (!resume.success) throw badCursor();
  return resume.data.page === undefined ? { skip: resume.data.skip } : { page: resume.data.page, skip: resume.data.skip };
}

/** The resumes of the suggestions ledger, as opaque cursors. */
export const resumeCodec: ResumeCodec = { encode: encodeResume, decode: decodeResume };
