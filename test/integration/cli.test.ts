import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs a local tool as `npm run` would (tsx), without blocking the event loop; its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, DATA_DIR: '/nonexistent-xiajiceng' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const TOOLS = [['token', 'local/token.ts'], ['rollup', 'local/rollup.ts'], ['seed', 'local/seed.ts'], ['start', 'local/start.ts'], ['notices', 'local/notices.ts']] as const;

describe('the local tools\' command lines', () => {
  it.each(TOOLS)('npm run %s -- --help prints its usage and exits 0', async (name, script) => {
    const { code, stdout, stderr } = await run(script, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm (run|start)/);
    expect(stderr).toBe('');
  });

  it.each(TOOLS)('npm run %s -- --frobnicate says so in one line with the usage, and exits 2 (no stack trace)', async (name, script) => {
    const { code, stdout, stderr } = await run(script, ['--frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Unknown option '--frobnicate'/);
    expect(lines[1]).toMatch(/^usage: /);
    expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
