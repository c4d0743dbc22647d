import { ServiceUnavailableError } from '#schemas/errors.ts';

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
  const e = error as { name?: string; code?: string; $retryable?: unknown } | undefined;
  return !!e && (TRANSIENT.has(e.name ?? '') || TRANSIENT.has(e.code ?? '') || e.$retryable !== undefined);
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

export interface CancellationReason {
  Code?: string;
}

/** The per-item reasons of a cancelled transaction, or undefined for any other error. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}
