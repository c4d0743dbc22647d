import { describe, expect, it } from 'vitest';
import { callerOf } from '#functions/auth/caller.ts';
import { apiEvent } from './support/events.ts';

const caller = (claims: Record<string, string>) => callerOf(apiEvent('GET /regions', { claims }));

describe('the caller a token describes', () => {
  it('reads a person from the ID token\'s custom attributes, mapping a pre-2020 region code', () => {
    expect(caller({ sub: 'u1', 'custom:role': 'submitter', 'custom:region': '630122', 'custom:ministerId': 'm-630106-01' }))
      .toEqual({ sub: 'u1', role: 'submitter', region: '630106', ministerId: 'm-630106-01' });
    expect(caller({ sub: 'u2', 'custom:role': 'staff', 'custom:region': '632600' })).toEqual({ sub: 'u2', role: 'staff', region: '632600' });
  });

  it('reads a reporting client from a client-credentials token with the reporting scope: province-wide', () => {
    expect(caller({ sub: 'c1', client_id: 'c1', scope: 'xiajiceng/summary.read', token_use: 'access' })).toEqual({ sub: 'c1', role: 'reporter', region: '630000' });
    expect(caller({ sub: 'c1', client_id: 'c1', scope: 'openid', token_use: 'access' })).toBeUndefined();
  });

  it('knows no caller without a role this API has, or with a region outside Qinghai', () => {
    expect(caller({ sub: 'u3', 'custom:region': '630000' })).toBeUndefined();
    expect(caller({ sub: 'u3', 'custom:role': 'root', 'custom:region': '630000' })).toBeUndefined();
    expect(caller({ sub: 'u3', 'custom:role': 'admin', 'custom:region': '110000' })).toBeUndefined();
    expect(caller({ sub: '', 'custom:role': 'admin', 'custom:region': '630000' })).toBeUndefined();
  });

  it('takes no inherited property of an object for a role', () => {
    for (const role of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(caller({ sub: 'u4', 'custom:role': role, 'custom:region': '630000' }), role).toBeUndefined();
    }
  });

  it("reads a person from the directory authorizer's grants (the China profile) in the same shape, checked the same way", () => {
    const granted = (lambda: Record<string, unknown>) => {
      const event = apiEvent('GET /regions');
      event.requestContext = { ...event.requestContext, authorizer: { lambda } } as typeof event.requestContext;
      return callerOf(event);
    };
    expect(granted({ sub: 'oidc-7', role: 'submitter', region: '630122', ministerId: 'm-630106-01', name: '张三' }))
      .toEqual({ sub: 'oidc-7', role: 'submitter', region: '630106', ministerId: 'm-630106-01', name: '张三' });
    expect(granted({ sub: 'oidc-8', role: 'staff', region: '632600' })).toEqual({ sub: 'oidc-8', role: 'staff', region: '632600' });
    expect(granted({ sub: 'oidc-9', role: 'root', region: '630000' })).toBeUndefined();
    expect(granted({ sub: 'oidc-9', role: 'admin', region: '110000' })).toBeUndefined();
    expect(granted({ sub: '', role: 'admin', region: '630000' })).toBeUndefined();
  });
});
