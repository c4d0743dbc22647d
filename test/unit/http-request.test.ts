import { describe, expect, it } from 'vitest';
import { preferredLang } from '#functions/http/lang.ts';
import { expectedVersion, readJsonBody } from '#functions/http/request.ts';
import { decodeCursor, encodeCursor } from '#functions/adapters/cursor.ts';
import { AppError } from '#schemas/errors.ts';
import { apiEvent } from './support/events.ts';

const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.status : 'unexpected';
  }
};

describe('Accept-Language', () => {
  it.each([
    [undefined, 'zh'], ['en', 'en'], ['en-US,zh;q=0.8', 'en'], ['zh-CN,en;q=0.9', 'zh'], ['zh;q=0.5, en;q=0.9', 'en'],
    ['fr', 'zh'], ['en;q=0', 'zh'], ['*', 'zh'],
  ])('%s → %s', (header, lang) => expect(preferredLang(header)).toBe(lang));
});

describe('JSON body', () => {
  const event = (rawBody: string, contentType = 'application/json', isBase64Encoded = false) => ({
    ...apiEvent('POST /visits', { rawBody, headers: { 'content-type': contentType } }),
    isBase64Encoded,
  });

  it('accepts JSON with or without charset, and +json types', () => {
    expect(readJsonBody(event('{"a":1}', 'application/json; charset=utf-8'))).toEqual({ a: 1 });
    expect(readJsonBody(event('{"a":1}', 'application/merge-patch+json'))).toEqual({ a: 1 });
  });

  it('refuses other types, big bodies, bad UTF-8, empty and malformed JSON', () => {
    expect(statusOf(() => readJsonBody(event('{}', 'text/plain')))).toBe(415);
    expect(statusOf(() => readJsonBody(event('{}', 'application/json; charset=latin1')))).toBe(415);
    expect(statusOf(() => readJsonBody(event(`"${'x'.repeat(64 * 1024)}"`)))).toBe(413);
    expect(statusOf(() => readJsonBody(event(`"${'x'.repeat(64 * 1024 - 3)}"`)))).toBe('ok');
    expect(statusOf(() => readJsonBody(event(Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), 'application/json', true)))).toBe(400);
    expect(statusOf(() => readJsonBody(event('  ')))).toBe(400);
    expect(statusOf(() => readJsonBody(event('{"a":')))).toBe(400);
  });
});

describe('If-Match', () => {
  const withIfMatch = (value?: string) => apiEvent('PATCH /visits/{id}', { headers: value === undefined ? {} : { 'if-match': value } });
  it('reads strong, weak and * tags; 428 when missing; 412 when not an ETag of ours', () => {
    expect(expectedVersion(withIfMatch('"3"'))).toBe(3);
    expect(expectedVersion(withIfMatch('W/"12"'))).toBe(12);
    expect(expectedVersion(withIfMatch('*'))).toBe('*');
    expect(statusOf(() => expectedVersion(withIfMatch()))).toBe(428);
    expect(statusOf(() => expectedVersion(withIfMatch('3')))).toBe(412);
  });
});

describe('cursor', () => {
  const attributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
  const key = { pk: 'visit#1', sk: 'record', gsi1pk: 'visit', gsi1sk: '630102#2026-01-01#1' };
  it('round-trips a key and refuses tampering or a cursor from another listing', () => {
    expect(decodeCursor(encodeCursor(key), attributes, { gsi1pk: 'visit' })).toEqual(key);
    expect(statusOf(() => decodeCursor('not-base64-json', attributes, { gsi1pk: 'visit' }))).toBe(400);
    expect(statusOf(() => decodeCursor(encodeCursor({ ...key, extra: 'x' }), attributes, { gsi1pk: 'visit' }))).toBe(400);
    expect(statusOf(() => decodeCursor(encodeCursor(key), attributes, { gsi1pk: 'minister' }))).toBe(400);
  });
});
