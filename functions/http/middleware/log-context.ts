import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Logger } from '../observability.ts';

/**
 * Middy middleware: each invocation's log lines carry its Lambda context; with `resetKeys`, keys
 * appended during an invocation are dropped at its end.
 */
export function injectLambdaContext(target: Logger, options: { resetKeys?: boolean } = {}): middy.MiddlewareObj<unknown, unknown, Error, Context> {
  const reset = () => {
    if (options.resetKeys) target.resetKeys();
  };
  return {
    before: ({ event, context }) => {
      reset();
      target.addContext(context, event);
    },
    after: reset,
    onError: reset,
  };
}
