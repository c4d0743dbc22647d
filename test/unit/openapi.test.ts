import { describe, expect, it } from 'vitest';
import { ROUTES } from '#functions/routes.ts';
import { openApiDocument } from '#functions/http/openapi.ts';

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
});
