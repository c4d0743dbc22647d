import { BadRequestError } from '#functions/domain/errors.ts';

export type Key = Record<string, string>;

/** Opaque to clients: base64url JSON of the DynamoDB key to resume after. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const badCursor = () => new BadRequestError({ zh: 'cursor 无效，请从第一页重新开始', en: 'Invalid cursor; start again from the first page' });

/** A cursor must name exactly the expected key attributes, all strings, in the partition being read. */
export function decodeCursor(cursor: string | undefined, attributes: readonly string[], partition: Key): Key | undefined {
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
    entries.every(([k, v]) => attributes.includes(k) && typeof v === 'string' && v.length <= 1024) &&
    Object.entries(partition).every(([k, v]) => (key as Key)[k] === v);
  if (!fits) throw badCursor();
  return key as Key;
}
