import { BadRequestError } from '#schemas/errors.ts';

export type Key = Record<string, string>;

/** Opaque to clients: base64url JSON of the DynamoDB key to resume after. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const badCursor = () => new BadRequestError({ zh: 'cursor 无效，请从第一页重新开始', en: 'Invalid cursor; start again from the first page' });

/** DynamoDB's limit on a sort key's size (a partition key may be 2048 bytes; every key attribute here is at most this). */
const MAX_KEY_BYTES = 1024;

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
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw badCursor();
  const entries = Object.entries(key);
  const fits =
    entries.length === attributes.length &&
    entries.every(([k, v]) => attributes.includes(k) && typeof v === 'string' && v !== '' && Buffer.byteLength(v) <= MAX_KEY_BYTES) &&
    Object.entries(partition).every(([k, v]) => (key as Key)[k] === v) &&
    within(key as Key);
  if (!fits) throw badCursor();
  return key as Key;
}

/**
 * A cursor into a list made of another list's pages (the suggestions of pages of visits): where that
 * page began (`page`, the other list's cursor, absent for its first page) and how many of its items
 * were used up already.
 */
export interface Resume {
  page?: string;
  skip: number;
}

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
  const { page, skip } = (value ?? {}) as Partial<Resume>;
  const valid = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k === 'page' || k === 'skip')
    && Number.isInteger(skip) && skip! >= 0 && skip! <= 500 && (page === undefined || (typeof page === 'string' && page.length <= 2048));
  if (!valid) throw badCursor();
  return { page, skip: skip! };
}
