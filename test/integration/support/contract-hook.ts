import { afterEach, beforeEach } from 'vitest';
import { ContractViolation, checkAgainstContract } from '../../support/contract.ts';

/**
 * Setup file of the integration project (vitest.config.ts): every answer a test receives through
 * fetch is checked against its route's declared response schema (test/support/contract.ts). The
 * awaited fetch rejects with a ContractViolation, so the test that received the answer fails.
 *
 * fetch is the only way the tests reach the API: `api()`/`looseCaller()` in local-stack.ts and the
 * direct calls all use it. (local-runtime.test.ts also speaks node:http, but only to a server of
 * fixture routes, which has no contract.)
 */

/** `fetch` that checks each 2xx answer before handing it over, and tells `onViolation` of each breach. */
export function contractCheckedFetch(fetch: typeof globalThis.fetch, onViolation: (violation: ContractViolation) => void = () => {}): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) return response;
    const request = input instanceof Request ? input : undefined;
    try {
      checkAgainstContract({
        method: init?.method ?? request?.method ?? 'GET',
        path: new URL(request?.url ?? String(input)).pathname,
        status: response.status,
        contentType: response.headers.get('content-type'),
        // A clone: the test still reads the body itself.
        body: await response.clone().text(),
      });
    } catch (error) {
      if (error instanceof ContractViolation) onViolation(error);
      throw error;
    }
    return response;
  };
}

/**
 * Breaches in the running test; a test that catches fetch's rejection must still fail (afterEach).
 * Kept on globalThis with the wrapped fetch, so fetch is wrapped once even if this file is loaded
 * again in the same context, and every copy of this module reads the same list.
 */
const VIOLATIONS = Symbol.for('xiajiceng.contractViolations');
const global = globalThis as typeof globalThis & { [VIOLATIONS]?: ContractViolation[] };
const violations = (global[VIOLATIONS] ??= (() => {
  const list: ContractViolation[] = [];
  global.fetch = contractCheckedFetch(global.fetch, (violation) => list.push(violation));
  return list;
})());

/** The breaches recorded so far in this test, forgotten: for a test that provokes one on purpose. */
export const takeContractViolations = (): ContractViolation[] => violations.splice(0);

beforeEach(() => {
  violations.length = 0;
});

afterEach((context) => {
  const missed = takeContractViolations();
  // A failed test has already reported its error; one that passed must have swallowed the rejection.
  if (missed.length && context.task.result?.state !== 'fail') {
    throw new ContractViolation(`the test caught ${missed.length} contract violation(s):\n${missed.map((v) => v.message).join('\n')}`);
  }
});
