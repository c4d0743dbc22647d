import type { Browser } from 'playwright-core';
import { expect, inject } from 'vitest';
import { beijingDate } from '#schemas/time.ts';
import { api, startTestApi, type TestApi } from '../../integration/support/local-stack.ts';
import { lambdaContext } from '#local/api-gateway-v2.ts';
import { pollTableStream, type TableStreamPoller } from '#local/table-stream.ts';
import { launchBrowser } from './browser.ts';

export interface Head {
  id: string;
  name: string;
  level: string;
  regionCode: string;
}

/** The local stack serving the built pages, one head stored in it, and a browser: a browser test's start (`stream` for the notices' tests). */
export async function startWithHead(head: Head, { stream = false }: { stream?: boolean } = {}): Promise<{ stack: TestApi; browser: Browser }> {
  const stack = await startTestApi({ siteDir: inject('siteDir'), stream });
  const put = await api(stack.url)('PUT', `/ministers/${head.id}`, { name: head.name, level: head.level, regionCode: head.regionCode });
  expect(put.status).toBeLessThan(300);
  return { stack, browser: await launchBrowser() };
}

/**
 * Decision notices made as `npm start` makes them: the table's stream (start with `stream: true`)
 * handed to the notices' function module, read every 500 ms. Stop it before the stack.
 */
export async function feedDecisionNotices(stack: TestApi): Promise<TableStreamPoller> {
  // Imported here: the handler reads the table the test stack exposed when it started.
  const { handler: decisions } = await import('#functions/handlers/notices/decisions.ts');
  return pollTableStream({
    endpoint: inject('dynamodbEndpoint'), tableName: stack.tableName, intervalMs: 500, log: (line) => console.error(line),
    onRecords: async (records) => { await decisions({ Records: records }, lambdaContext('notices-decisions', 60_000)); },
  });
}

/** Closes what startWithHead opened (either may be missing when the start failed). */
export async function stopAll(stack: TestApi | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await stack?.close();
}

/** Today's rollup, as the scheduled function runs it (a provisional snapshot), over the test stack's table. */
export async function rollUpToday(): Promise<void> {
  // Imported here, not above: the handlers' wiring reads the table the test stack exposed when it started.
  const { rollupDeps } = await import('#functions/rollup-composition.ts');
  const { runRollup } = await import('#functions/use-cases/rollup/run-rollup.ts');
  await runRollup(rollupDeps(), beijingDate());
}
