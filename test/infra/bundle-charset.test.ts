import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { LAMBDA_BUNDLING } from '#infra/bundling.ts';
import { REPO_ROOT } from '#local/paths.ts';
import { CSV_BOM } from '#schemas/csv.ts';
import { FIGURES } from '#schemas/figures.ts';
import { RULE_MESSAGES } from '#schemas/messages.ts';
import { branchNameKey, nameTextSchema, textSchema } from '#schemas/common.ts';

/**
 * The bundles keep Chinese as UTF-8 (`charset` in infra/bundling.ts), not as escapes. What a
 * function says and checks must come out the same: its messages, the figures' names, the BOM of a
 * CSV, and the rules on invisible and malformed characters, whose patterns name characters that
 * UTF-8 cannot hold alone (a lone surrogate) or that are invisible (U+200D, U+FEFF).
 */
const outDir = mkdtempSync(join(tmpdir(), 'xiajiceng-bundle-charset-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const ENTRY = `export { CSV_BOM } from '#schemas/csv.ts';
export { FIGURES } from '#schemas/figures.ts';
export { RULE_MESSAGES } from '#schemas/messages.ts';
export { branchNameKey, nameTextSchema, textSchema } from '#schemas/common.ts';`;

const bundled = z.object({
  CSV_BOM: z.string(), FIGURES: z.record(z.string(), z.unknown()), RULE_MESSAGES: z.record(z.string(), z.unknown()),
  branchNameKey: z.custom<typeof branchNameKey>((f) => typeof f === 'function'),
  textSchema: z.custom<typeof textSchema>((f) => typeof f === 'function'),
  nameTextSchema: z.custom<typeof nameTextSchema>((f) => typeof f === 'function'),
});

describe('a bundle built with the Lambda charset', () => {
  it('holds the same words and applies the same character rules as the source', async () => {
    const outfile = join(outDir, 'words.mjs');
    await build({
      stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'ts' }, outfile, bundle: true, platform: 'node', logLevel: 'error',
      format: LAMBDA_BUNDLING.format, target: LAMBDA_BUNDLING.target, minify: LAMBDA_BUNDLING.minify, charset: LAMBDA_BUNDLING.charset,
    });
    // As UTF-8, not as \u escapes.
    expect(readFileSync(outfile, 'utf8')).toContain('不是青海省的行政区划代码');
    const words = bundled.parse(await import(pathToFileURL(outfile).href));
    expect(words.RULE_MESSAGES).toEqual(RULE_MESSAGES);
    expect(words.FIGURES).toEqual(FIGURES);
    expect(words.CSV_BOM).toBe(CSV_BOM);
    const samples = ['党支部', ' 学习\u200B强国 ', '👨\u200D👩\u200D👧', '\uFEFF名称', 'a\uD800b', '\u202E反向', 'x\uDC00'];
    for (const sample of samples) {
      expect(words.textSchema(50).safeParse(sample)).toEqual(textSchema(50).safeParse(sample));
      expect(words.nameTextSchema(50).safeParse(sample).success).toBe(nameTextSchema(50).safeParse(sample).success);
      expect(words.branchNameKey(sample)).toBe(branchNameKey(sample));
    }
  });
});
