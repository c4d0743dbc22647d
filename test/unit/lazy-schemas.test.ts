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
      fields: () => ({ ministerId: z.string(), note: z.string() }), statuses: SUBMITTED_ONLY,
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

// Every zod builder the schema modules call, counted: a module that builds schemas at import calls them.
const built = { count: 0 };
const counted = <T extends object>(api: T): T => new Proxy(api, {
  get(target, key, receiver) {
    const value: unknown = Reflect.get(target, key, receiver);
    // A lower-case export is a builder (`z.string`, `z.strictObject`, `z.iso.date`); classes stay as they are (`instanceof`).
    if (typeof value === 'function' && typeof key === 'string' && /^[a-z_]/.test(key)) {
      return (...args: unknown[]) => {
        built.count += 1;
        return Reflect.apply(value, target, args);
      };
    }
    if (key === 'iso' && typeof value === 'object' && value !== null) return counted(value);
    return value;
  },
});

describe("the kinds' modules at import", () => {
  it("build no schema of theirs: a kind's fields, filters and stored shapes are built on first use", async () => {
    vi.resetModules();
    vi.doMock('zod/mini', async (importOriginal) => counted(await importOriginal<typeof import('zod/mini')>()));
    try {
      // What the kinds import besides each other builds what it builds (shared schemas, counted apart).
      for (const shared of ['common', 'attachment-field', 'errors', 'form', 'figures', 'kind', 'deadlines', 'time', 'regions', 'validation']) {
        await import(`#schemas/${shared}.ts`);
      }
      const before = built.count;
      expect(before).toBeGreaterThan(0);
      const { KINDS: kinds } = await import('#schemas/kinds/index.ts');
      expect(built.count - before).toBe(0);
      // …and build them when a form is read.
      expect('suggestions' in kinds[0].form.fields).toBe(true);
      expect(built.count).toBeGreaterThan(before);
    } finally {
      vi.doUnmock('zod/mini');
      vi.resetModules();
    }
  });

  it('leave a form\'s fields unbuilt until the form, or one of its schemas, is read', () => {
    const fields = vi.fn(() => ({ ministerId: z.string(), note: z.string() }));
    const form = defineForm({ kind: 'lazyfields', path: 'lazyfields', name: 'LazyFields', label: { zh: '试', en: 'Probe' }, fields, statuses: SUBMITTED_ONLY });
    expect(fields).not.toHaveBeenCalled();
    expect(form.schemas.input.parse({ id: '00000000-0000-4000-8000-000000000000', ministerId: 'm', note: 'n' })).toMatchObject({ status: 'submitted' });
    expect(Object.keys(form.fields)).toEqual(['ministerId', 'note']);
    expect(fields).toHaveBeenCalledTimes(1);
  });
});
