import { describe, expect, it } from 'vitest';
import { ROUTES } from '#functions/route-table.ts';
import { openApiDocument } from '#functions/http/openapi.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { PROBLEM_STATUSES } from '#schemas/kinds/problem.ts';

const FORMS = KINDS.map((kind) => kind.form);

describe('OpenAPI document', () => {
  const doc = openApiDocument();
  it('is OpenAPI 3.1 and has every route of the route table, with its operation id', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()] as { operationId?: string } | undefined;
      expect(op?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p));
    expect(operations).toHaveLength(ROUTES.length);
  });

  it('resolves every $ref to a component', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it('describes the visit body with its enumerations and bounds', () => {
    const visitInput = doc.components.schemas.VisitInput as { properties: Record<string, { maximum?: number; items?: { enum?: string[] } }> };
    expect(visitInput.properties.participants.maximum).toBe(10000);
    expect(visitInput.properties.sessions.items?.enum).toContain('reception_day');
  });

  it.each(FORMS.map((f) => [f.path, f] as const))('describes %s: its input, patch and record, and its eight operations (批量通过 the eighth)', (path, form) => {
    for (const suffix of ['Input', 'Patch', '']) expect(doc.components.schemas, `${form.name}${suffix}`).toHaveProperty(`${form.name}${suffix}`);
    const operations = Object.entries(doc.paths).filter(([p]) => p === `/${path}` || p.startsWith(`/${path}/`)).flatMap(([, ops]) => Object.keys(ops));
    // Problems have a ninth: 验收销号 (POST /problems/{id}/acceptance).
    expect(operations).toHaveLength(path === 'problems' ? 9 : 8);
  });

  it('describes 验收销号 of a problem, its decision and the problem\'s acceptance', () => {
    expect(doc.paths['/problems/{id}/acceptance']).toHaveProperty('post');
    expect(doc.components.schemas).toHaveProperty('AcceptanceDecision');
    const problem = doc.components.schemas.Problem as { properties: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
    expect(problem.properties.acceptance.properties?.state['x-enum-labels']).toEqual({ waiting: '待验收', accepted: '已销号', returned: '验收退回' });
  });

  it('carries the Chinese labels of enumerations', () => {
    const problem = doc.components.schemas.Problem as { properties: Record<string, Record<string, unknown>> };
    expect(problem.properties.status['x-enum-labels']).toEqual({ ...PROBLEM_STATUSES, withdrawn: '已撤回' });
    expect(String(problem.properties.category.description)).toContain('组织生活不规范');
  });
});
