import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { type BranchEntry, type BranchRow, branchRowSchema } from '#schemas/branch.ts';
import { branchNameKey } from '#schemas/common.ts';
import { describeIssue, type Lang, ruleMessage, type RuleKey } from '#schemas/messages.ts';
import { fieldIssues } from '#schemas/validation.ts';
import { sameContent } from '#functions/domain/fingerprint.ts';
import { withinReach } from '#functions/auth/policy.ts';
import { codeKey, nameKey } from '#functions/domain/branch-keys.ts';
import type { Actor, BranchDeps } from '../deps.ts';
import { mapInFlight } from '../in-flight.ts';

export interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: { index: number; errors: { path: string; message: string }[] }[];
}

/** Rows looked up, and written, at once: each write is a transaction of its own, so one bad row stops nothing else. */
const CONCURRENT_ROWS = 16;

/** A new branch's id, from what makes it one branch: the same row imported twice names the same branch. */
const idFor = (row: BranchRow) =>
  `b-${createHash('sha256').update(row.code ? `code:${branchNameKey(row.code)}` : `name:${row.countyCode}#${branchNameKey(row.name)}`).digest('base64url').slice(0, 20)}`;

/** Which fields of an entry a row sets (an import never closes or reopens a branch). */
const asImported = (entry: Pick<BranchEntry, 'name' | 'type' | 'countyCode' | 'code' | 'aliases'>) =>
  ({ name: entry.name, type: entry.type, countyCode: entry.countyCode, code: entry.code, aliases: entry.aliases });

/**
 * Import a department's roster (POST /branches/import), at most 500 rows a request.
 * 1. Check each row on its own: its fields (every bad one, by path), its county within the caller's
 *    region, and that no earlier row of the same request is the same branch.
 * 2. Find the branch each row is: by code when it has one, else (or when the code is new) by county
 *    and name as compared; a county-and-name held by a branch with another code is another branch.
 * 3. Each row is then new, changed or unchanged; a dry run stops here and writes nothing.
 *    Rows are looked up 16 at a time.
 * 4. Write each new or changed row in a transaction of its own (16 at once), so importing the
 *    same rows again leaves them all unchanged, a dropped connection can simply send the batch
 *    again, and a row refused by the store (a code taken meanwhile) is rejected by its index.
 */
export async function importBranches(deps: BranchDeps, request: { dryRun: boolean; rows: unknown[] }, actor: Actor, lang: Lang): Promise<ImportResult> {
  const result: ImportResult = { dryRun: request.dryRun, created: 0, updated: 0, unchanged: 0, rejected: [] };
  const reject = (index: number, errors: { path: string; message: string }[]) => result.rejected.push({ index, errors });
  const rule = (path: string, key: RuleKey) => ({ path, message: ruleMessage(key, lang) });
  const seen = new Map<string, number>();
  const writes: { index: number; entry: BranchEntry; previous?: BranchEntry }[] = [];

  const checked: { index: number; row: BranchRow }[] = [];
  for (const [index, raw] of request.rows.entries()) {
    const parsed = branchRowSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      reject(index, fieldIssues(parsed.error as z.core.$ZodError).map(({ path, issue }) => ({ path, message: describeIssue(issue, lang) })));
      continue;
    }
    const row = parsed.data;
    if (actor.caller && !withinReach(actor.caller, row.countyCode)) {
      reject(index, [{ path: 'countyCode', message: lang === 'zh' ? '只能导入本地区的党组织' : 'You may only import branches of your own region' }]);
      continue;
    }
    const identities = [...(row.code ? [`code:${branchNameKey(row.code)}`] : []), `name:${row.countyCode}#${branchNameKey(row.name)}`];
    const earlier = identities.find((identity) => seen.has(identity));
    if (earlier) {
      reject(index, [rule(earlier.startsWith('code:') ? 'code' : 'name', 'branch.duplicateRow')]);
      continue;
    }
    for (const identity of identities) seen.set(identity, index);
    checked.push({ index, row });
  }

  const now = deps.clock.now().toISOString();
  await mapInFlight(checked, CONCURRENT_ROWS, async ({ index, row }) => {
    const byCode = row.code ? await deps.branches.holderOf(codeKey(row.code)) : undefined;
    const byName = await deps.branches.holderOf(nameKey(row));
    const previous = byCode ? await deps.branches.get(byCode) : byName ? await deps.branches.get(byName) : undefined;
    if ((!byCode && previous && row.code && previous.code && previous.code !== row.code) || (byCode && byName && byName !== byCode)) {
      reject(index, [rule('name', 'branch.nameTaken')]);
      return;
    }
    if (previous && (previous.countyCode !== row.countyCode || previous.type !== row.type)) {
      reject(index, [rule(previous.countyCode !== row.countyCode ? 'countyCode' : 'type', 'branch.placeFixed')]);
      return;
    }
    // A row without a code leaves a code already registered as it is.
    const imported = asImported({ ...row, code: row.code ?? previous?.code });
    if (previous && sameContent(asImported(previous), imported)) {
      result.unchanged++;
      return;
    }
    const entry: BranchEntry = previous
      ? { ...previous, ...imported, version: previous.version + 1, updatedAt: now }
      : { id: idFor(row), ...imported, status: 'active', version: 1, createdAt: now, updatedAt: now };
    if (!entry.code) delete entry.code;
    if (previous) result.updated++;
    else result.created++;
    writes.push({ index, entry, previous });
  });
  if (request.dryRun) {
    result.rejected.sort((a, b) => a.index - b.index);
    return result;
  }

  await mapInFlight(writes, CONCURRENT_ROWS, async ({ index, entry, previous }) => {
    const change = { version: entry.version, action: previous ? ('replace' as const) : ('create' as const), at: entry.updatedAt, by: actor.by, requestId: actor.requestId, before: previous ?? null, after: entry };
    const outcome = await deps.branches.write({ entry, change, previous });
    if (outcome.ok) return;
    // Written meanwhile by someone else (or refused): this row did not count as new or changed.
    if (previous) result.updated--;
    else result.created--;
    const conflict = outcome.conflict;
    reject(index, [conflict === 'code' ? rule('code', 'branch.codeTaken') : conflict === 'name' ? rule('name', 'branch.nameTaken')
      : { path: '', message: lang === 'zh' ? '该党组织刚被他人修改，请重新导入此行' : 'The branch changed meanwhile; import this row again' }]);
  });
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}
