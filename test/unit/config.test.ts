import { afterEach, describe, expect, it, vi } from 'vitest';
import { localConfig } from '#functions/config.ts';

afterEach(() => vi.unstubAllEnvs());

describe('a malformed environment', () => {
  it('fails naming each variable and what is wrong with it, without repeating its value', () => {
    vi.stubEnv('PORT', 'eighty');
    vi.stubEnv('LOCAL_TABLE_NAME', 'ab');
    expect(() => localConfig()).toThrow('invalid local configuration: PORT: invalid type (number); LOCAL_TABLE_NAME: too small (at least 3)');
    vi.stubEnv('PORT', '70000');
    vi.stubEnv('LOCAL_TABLE_NAME', 'secret-value');
    expect(() => localConfig()).toThrow(/^invalid local configuration: PORT: too big \(at most 65535\)$/);
  });
});
