import type * as z from 'zod/mini';
import { TABLE_DEFINITION } from '#functions/table.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** An item as DynamoDB hands it back: attributes by name, nothing yet known of their values. */
export type RawItem = Record<string, unknown>;

/**
 * A stored item without the shape its declaration says: a fault of a writer or of the table, never
 * of the caller, so it is a plain 500 whose logged message names the item and where it lies.
 */
export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
  constructor(item: string, raw: RawItem, issues: readonly string[]) {
    super(`malformed ${item} item at ${JSON.stringify({ [PK]: raw[PK], [SK]: raw[SK] })}: ${issues.join('; ')}`);
  }
}

/** The item read as its declaration's schema says, or a MalformedItemError. */
export function parseItem<S extends z.ZodMiniType>(item: string, schema: S, raw: RawItem): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new MalformedItemError(item, raw, result.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.code}`));
}

/** A document kept as a JSON string in one attribute (see snapshot.ts for why), read as its schema says. */
export function parseJsonAttribute<S extends z.ZodMiniType>(item: string, schema: S, raw: RawItem, attribute: string): z.output<S> {
  const text = raw[attribute];
  if (typeof text !== 'string') throw new MalformedItemError(item, raw, [`${attribute}: missing`]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedItemError(item, raw, [`${attribute}: not JSON`]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new MalformedItemError(item, raw, result.error.issues.map((issue) => `${[attribute, ...issue.path].join('.')}: ${issue.code}`));
}
