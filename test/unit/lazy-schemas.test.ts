import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { kindsHandler } from '#functions/http/record-handler.ts';
import { recordRouteKey, recordRoutes } from '#functions/routes.ts';
import { defineForm, SUBMITTED_ONLY } from '#schemas/form.ts';
import { KIND } from '#schemas/kinds/index.ts';
import { once } from '#schemas/once.ts';
import { apiEvent, lambdaContext } from './support/events.ts';

// A cold start builds only what its function's first request needs (docs/benchmarks.md, the bundles).
describe('schemas built on first use', () => {
  it('once makes its value on the first call only, even when the value is undefined', () => {
    const make = vi.fn(() => undefined);
    const value = once(make);
    expect(make).not.toHaveBeenCalled();
    value();
    value();
    expect(make).toHaveBeenCalledTimes(1);
  });

  it("a form builds (and names, for the OpenAPI document) its schemas when they are read, once", () => {
    const named = (id: string) => [...z.globalRegistry._idmap.keys()].includes(id);
    const form = defineForm({
      kind: 'lazyprobe', path: 'lazyprobes', name: 'LazyProbe', label: { zh: '试', en: 'Probe' },
      fields: { ministerId: z.string(), note: z.string() }, statuses: SUBMITTED_ONLY,
    });
    expect(named('LazyProbeInput')).toBe(false);
    expect(named('LazyProbe')).toBe(false);
    const input = form.schemas.input;
    expect(form.schemas.input).toBe(input);
    expect(named('LazyProbeInput')).toBe(true);
    expect(form.schemas.record.parse).toBeTypeOf('function');
    expect(named('LazyProbe')).toBe(true);
  });

  it("a kinds' function builds a kind's route on that kind's first request, not at import", async () => {
    const routeOf = vi.fn((form: Parameters<typeof recordRoutes>[0]) => recordRoutes(form).get);
    const handler = kindsHandler(routeOf, async () => ({ status: 200, body: {} }), (form) => recordRouteKey('get', form));
    expect(routeOf).not.toHaveBeenCalled();
    const key = recordRouteKey('get', KIND.problem.form);
    const event = () => apiEvent(key, { path: '/problems/00000000-0000-4000-8000-000000000000', pathParameters: { id: '00000000-0000-4000-8000-000000000000' } });
    expect((await handler(event(), lambdaContext)).statusCode).toBe(200);
    expect((await handler(event(), lambdaContext)).statusCode).toBe(200);
    expect(routeOf.mock.calls.map(([form]) => form.kind)).toEqual(['problem']);
  });
});
