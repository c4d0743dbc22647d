import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractViolation } from '../support/contract.ts';
import { takeContractViolations } from './support/contract-hook.ts';

/**
 * The setup file wraps this project's fetch (vitest.config.ts). A server that answers whatever it
 * is told stands in for an API that drifted from its contract: `GET /health?answer=<json>`.
 */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = new URL(req.url!, 'http://x').searchParams.get('answer') ?? '{}';
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((closed) => server.close(closed)));

const healthAnswering = (body: unknown) => `${url}/health?answer=${encodeURIComponent(JSON.stringify(body))}`;

describe('the contract hook on fetch', () => {
  it('hands over an answer that keeps the contract, body unread', async () => {
    const res = await fetch(healthAnswering({ status: 'ok', time: new Date().toISOString() }));
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('rejects a 2xx answer that breaks it, so the awaiting test fails, and records it for the afterEach check', async () => {
    await expect(fetch(healthAnswering({ status: 'down' }))).rejects.toThrow(ContractViolation);
    await expect(fetch(new Request(healthAnswering({ status: 'down' })))).rejects.toThrow(/GET \/health answered 200 .*\n {2}status: /);
    // Taken here: the afterEach check would otherwise fail this test for catching them.
    expect(takeContractViolations()).toHaveLength(2);
  });

  // `fails`: the test passes only if it fails, and nothing in it but the afterEach check can fail it.
  it.fails('fails a test that swallows the rejection', async () => {
    await fetch(healthAnswering({ status: 'down' })).catch(() => undefined);
  });
});
