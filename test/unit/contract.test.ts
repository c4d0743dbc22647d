import { describe, expect, it } from 'vitest';
import { ContractViolation, checkAgainstContract, contractViolation, type ReceivedAnswer } from '../support/contract.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const health = (body: unknown, overrides: Partial<ReceivedAnswer> = {}): ReceivedAnswer => ({
  method: 'GET', path: '/health', status: 200, contentType: JSON_TYPE, body: JSON.stringify(body), ...overrides,
});
const UP = { status: 'ok', time: '2026-11-20T08:00:00.000Z' };

describe('the contract check (test/support/contract.ts)', () => {
  it('passes an answer its route promises', () => {
    expect(contractViolation(health(UP))).toBeUndefined();
    expect(() => checkAgainstContract(health(UP))).not.toThrow();
  });

  it('fails a 2xx body that breaks the schema, naming the route, the status and each issue', () => {
    const violation = contractViolation(health({ status: 'down' }));
    expect(violation).toMatch(/^GET \/health answered 200 /);
    expect(violation).toMatch(/^ {2}status: /m);
    expect(violation).toMatch(/^ {2}time: /m);
    expect(() => checkAgainstContract(health({ status: 'down' }))).toThrow(ContractViolation);
  });

  it('fails a body that parses only because the schema drops or fills in fields (the JSON Schema forbids or requires them)', () => {
    expect(contractViolation(health({ ...UP, uptime: 3 }))).toMatch(/^ {2}uptime: not in the schema$/m);
  });

  it('fails a 2xx status the route does not declare, and a JSON answer that is not JSON', () => {
    expect(contractViolation(health(UP, { status: 201 }))).toMatch(/does not declare/);
    expect(contractViolation(health(UP, { body: '{"status":' }))).toMatch(/not JSON/);
  });

  it('finds the route as API Gateway would: parameters, query left out, encoded segments', () => {
    const minister = { id: 'm-630102-01', name: '张三', level: 'county', regionCode: '630102' };
    expect(contractViolation(health(minister, { path: '/ministers/m-630102-01' }))).toMatch(/^GET \/ministers\/\{id\} answered 200 /);
    expect(contractViolation(health(minister, { path: '/ministers/m-630102-01', method: 'put', status: 201 }))).toMatch(/^PUT \/ministers\/\{id\} answered 201 /);
  });

  it('leaves alone what has no contract: refusals, other media types, routes without a schema, paths no route serves', () => {
    expect(contractViolation(health({ status: 'down' }, { status: 503 }))).toBeUndefined();
    expect(contractViolation(health({}, { path: '/summary', contentType: 'text/csv; charset=utf-8', body: 'a,b\n1,2' }))).toBeUndefined();
    expect(contractViolation(health({ openapi: '3.1.0' }, { path: '/openapi.json' }))).toBeUndefined();
    expect(contractViolation(health({}, { path: '/schemas/summary.json', contentType: 'application/schema+json' }))).toBeUndefined();
    expect(contractViolation(health({}, { path: '/config.json' }))).toBeUndefined();
    expect(contractViolation(health({}, { path: '/health', method: 'POST' }))).toBeUndefined();
    expect(contractViolation(health({}, { path: '/visits/%E4%B8' }))).toBeUndefined();
  });
});
