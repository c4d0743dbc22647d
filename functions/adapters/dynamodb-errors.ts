import { ServiceUnavailableError } from '#schemas/errors.ts';
import { fieldOf, textOf } from './thrown.ts';

/** SDK errors that mean "the database is busy or unreachable for a moment" (after the SDK's own retries). */
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
]);

export function isTransient(error: unknown): boolean {
  return TRANSIENT.has(textOf(error, 'name')) || TRANSIENT.has(textOf(error, 'code')) || fieldOf(error, '$retryable') !== undefined;
}

/** Transient failures become 503 + Retry-After; anything else propagates (and becomes a silent 500). */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isTransient(error)) throw new ServiceUnavailableError(2);
    throw error;
  }
}

/** A conditional write: true when written, false when its condition did not hold (transient failures as `guarded`). */
export async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await guarded(write);
    return true;
  } catch (error) {
    if (textOf(error, 'name') === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export interface CancellationReason {
  Code?: string;
}

/** The per-item reasons of a cancelled transaction, or undefined for any other error. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (textOf(error, 'name') !== 'TransactionCanceledException') return undefined;
  const reasons = fieldOf(error, 'CancellationReasons');
  // One reason per item of the transaction, in its order: the indices are what callers read.
  return Array.isArray(reasons) ? reasons.map((reason) => (textOf(reason, 'Code') ? { Code: textOf(reason, 'Code') } : {})) : [];
}
