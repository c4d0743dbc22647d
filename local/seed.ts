import { commandLine, usageError } from '#local/cli.ts';
import { ALL_REGIONS, COUNTY_CODES, findRegion, regionContains, type Region, type RegionLevel } from '#schemas/regions.ts';
import { addDays, beijingDate } from '#schemas/time.ts';
import { SESSION_KINDS, SUGGESTION_CHANNELS, type VisitInput, visitKind } from '#schemas/kinds/visit.ts';
import { putMinister } from '#functions/use-cases/ministers/put-minister.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { progressSuggestion } from '#functions/use-cases/visits/progress-suggestion.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { importBranches } from '#functions/use-cases/branches/import-branches.ts';
import { type BranchEntry, MAX_IMPORT_ROWS } from '#schemas/branch.ts';
import { demoRegistry } from '#local/seed-registry.ts';
import { localDataDir } from '#local/paths.ts';
import { nameUuid, seededRandom } from '#local/random.ts';
import { findRunningStack, stackDeps, stackStore } from '#local/stack-state.ts';
import { seedAccounts } from '#local/seed-accounts.ts';
import { accountRepository } from '#functions/repositories/account-repository.ts';
import { type SeedVisit, seedTargets } from '#local/seed-targets.ts';
import { type SeededRecord, seedReviews } from '#local/seed-reviews.ts';

/**
 * `npm run seed`: a synthetic campaign of the magnitude the source article reports (159 heads,
 * 580+ sessions, 630+ symposiums, 12,000+ participants, 900+ suggestions, 530+ answered or
 * resolved), written through the real use cases into the running local stack, each change stamped
 * with the Beijing day it happened so the nightly rollup has months of days to fold. First the demo
 * branch registry (4,143 villages and 446 communities, imported as a department would); heads get
 * contact branches (联系点), and visits name registered branches, a few typed in (for the matching
 * queue). A few visits are sent twice (疑似重复). Last, the departments' reviews: most records
 * approved, a few returned or flagged with reasons, most duplicates settled. Each head, the staff of
 * the province and prefectures, and an admin get accounts (用户管理). Ids derive from the
 * seed, so running it again changes nothing.
 */
const USAGE = `usage: npm run seed -- [--seed N] [--months M]
  Imports the demo branch registry (4,143 village branches, 446 community organizations, codes DEMO-…),
  then writes a synthetic campaign (159 heads, their visits over M months, default 5, and the six targets)
  into the running local stack through the real use cases, reviews most of it as the departments would
  (approved; a few returned or flagged with reasons; suspected duplicates settled), then rolls up every day of those months in
  turn as the nightly rollup would. The same --seed (default 2016) writes the same records: running it
  again adds nothing, and heads already there are left as they are.`;
const { values } = commandLine('npm run seed', USAGE, { options: { seed: { type: 'string', default: '2016' }, months: { type: 'string', default: '5' } } });
const rnd = seededRandom(Number(values.seed));
const MONTHS = Number(values.months);
if (!Number.isInteger(Number(values.seed))) usageError('npm run seed', USAGE, `--seed wants a whole number, not "${values.seed}"`);
if (!Number.isInteger(MONTHS) || MONTHS < 1 || MONTHS > 24) usageError('npm run seed', USAGE, `--months wants 1 to 24, not "${values.months}"`);

/** Heads per level: the provincial department's 3, each prefecture's 3, and 2–3 per county (159 in all). */
function heads(): { id: string; name: string; level: RegionLevel; regionCode: string }[] {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '马', '韩', '才', '索', '多'];
  const given = ['建国', '海燕', '卓玛', '明', '永福', '文', '德吉', '国庆', '秀兰', '青松', '扎西', '玉梅'];
  const list: ReturnType<typeof heads> = [];
  const add = (region: Region, count: number) => {
    for (let i = 1; i <= count; i++) {
      list.push({ id: `m-${region.code}-${String(i).padStart(2, '0')}`, name: rnd.pick(surnames) + rnd.pick(given), level: region.level, regionCode: region.code });
    }
  };
  for (const region of ALL_REGIONS) {
    if (region.level !== 'county') add(region, 3);
  }
  const counties = ALL_REGIONS.filter((r) => r.level === 'county');
  counties.forEach((county, i) => add(county, i < 42 ? 3 : 2)); // 42×3 + 3×2 = 132 county heads
  return list;
}

const countiesUnder = (code: string): string[] => COUNTY_CODES.filter((county) => regionContains(code, county));

/** Progress: a bar redrawn in place on a terminal; into a log (not a terminal), one line per step when it is done. */
function bar(done: number, total: number, label: string) {
  if (!process.stderr.isTTY) {
    if (done === total) process.stderr.write(`${label} ${done}/${total}\n`);
    return;
  }
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${label} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

async function main() {
  const stack = await findRunningStack(localDataDir());
  const { records: recordDeps, ministers: ministerDeps, rollups, branches: branchDeps } = stackDeps(stack);

  const actor = { by: 'seed', requestId: 'seed' };
  const yesterday = Date.parse(`${addDays(beijingDate(), -1)}T12:00:00+08:00`);
  const start = yesterday - MONTHS * 30 * 86_400_000;
  const at = (ms: number) => ({ now: () => new Date(ms) });

  // The registry first, imported the day before the campaign starts, 500 rows a request as the API takes them.
  const rows = demoRegistry(seededRandom(4143));
  const imported = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (let i = 0; i < rows.length; i += MAX_IMPORT_ROWS) {
    const result = await importBranches({ ...branchDeps, clock: at(start - 86_400_000) }, { dryRun: false, rows: rows.slice(i, i + MAX_IMPORT_ROWS) }, actor, 'zh');
    imported.created += result.created;
    imported.updated += result.updated;
    imported.unchanged += result.unchanged;
    imported.rejected += result.rejected.length;
    bar(Math.min(rows.length, i + MAX_IMPORT_ROWS), rows.length, '支部名册');
  }
  /** County → its active registered branches, as stored. */
  const registry = new Map<string, BranchEntry[]>();
  for (const county of COUNTY_CODES) {
    const entries: BranchEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await branchDeps.branches.list({ region: county, status: 'active', limit: 500, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    registry.set(county, entries);
  }
  const registered = (county: string, type: 'village' | 'community') => registry.get(county)!.filter((b) => b.type === type);

  const people = heads();
  /** Head → contact branches (联系点): two or three registered villages of their region. */
  const contacts = new Map(people.map((m) => [m.id, Array.from({ length: 2 + rnd.int(2) }, () => rnd.pick(registered(rnd.pick(countiesUnder(m.regionCode)), 'village')))
    .filter((b, i, all) => all.findIndex((o) => o.id === b.id) === i)]));
  let kept = 0;
  for (const [i, m] of people.entries()) {
    // A head already there (made by hand, or by an earlier seed) is left as it is: the seed adds, never overwrites.
    if (await ministerDeps.ministers.get(m.id)) kept++;
    else {
      const input = { name: m.name, level: m.level, regionCode: m.regionCode, contactBranches: contacts.get(m.id)!.map((b) => b.id) };
      await putMinister({ ...ministerDeps, clock: at(start) }, m.id, input, undefined, actor);
    }
    bar(i + 1, people.length, '组织部长');
  }
  // Their accounts, the staff's and an admin's, for the sign-in page to list; one already there is left as it is.
  const directory = accountRepository(stackStore(stack));
  const accounts = seedAccounts(people, new Date(start).toISOString());
  let accountsAdded = 0;
  for (const [i, account] of accounts.entries()) {
    if (!(await directory.get(account.username))) {
      await directory.put(account);
      accountsAdded++;
    }
    bar(i + 1, accounts.length, '账号');
  }

  // Every head visits at least once; county heads most often, in their own county.
  const plan = people.flatMap((m) => Array.from({ length: m.level === 'county' ? 4 : m.level === 'prefecture' ? 4 : 5 }, () => m));
  const followUps: { suggestionId: string; visitId: string; when: number; response: string }[] = [];
  const seeded: SeedVisit[] = [];
  const made: SeededRecord[] = [];
  let visits = 0;
  for (const [i, m] of plan.entries()) {
    const received = start + rnd.int(yesterday - start);
    // A third of a head's visits go to their contact branches; the rest to branches of their region.
    const contact = rnd.chance(0.35) ? rnd.pick(contacts.get(m.id)!) : undefined;
    const county = contact?.countyCode ?? rnd.pick(countiesUnder(m.regionCode));
    const type = contact ? ('village' as const) : rnd.chance(0.88) ? ('village' as const) : ('community' as const);
    const id = nameUuid(`seed:${values.seed}:visit:${i}`);
    // Calibrated to the article: ~0.95 sessions, ~1.03 symposiums, ~20 participants, ~1.5 suggestions per visit.
    const sessionCount = rnd.chance(0.1) ? 0 : rnd.chance(0.06) ? 2 : 1;
    const sessions = Array.from({ length: sessionCount }, () => rnd.pick(Object.keys(SESSION_KINDS).slice(0, 10))) as VisitInput['sessions'];
    const suggestions = Array.from({ length: rnd.pick([0, 1, 1, 2, 2, 3]) }, (_, j) => ({
      id: nameUuid(`seed:${values.seed}:visit:${i}:suggestion:${j}`),
      text: rnd.pick(['希望增加党员活动室开放时间', '建议规范“三会一课”记录', '希望组织外出务工党员参加线上学习', '建议加强村级集体经济项目公开', '希望解决冬季取暖问题']),
      channel: rnd.pick(Object.keys(SUGGESTION_CHANNELS)) as VisitInput['suggestions'][number]['channel'],
      status: rnd.chance(0.3) ? ('answered' as const) : ('pending' as const),
    })).map((s) => (s.status === 'answered' ? { ...s, response: '已当场答复' } : s));
    // Named by registry id; one in twenty typed in instead (a resettlement village not yet registered).
    const branch: VisitInput['branch'] = contact
      ? { id: contact.id }
      : rnd.chance(0.95)
        ? { id: rnd.pick(registered(county, type)).id }
        : { name: `${findRegion(county)!.name.slice(0, 2)}${rnd.pick(['易地搬迁', '移民新村', '新建'])}${rnd.int(9) + 1}号${type === 'village' ? '村党支部' : '社区党支部'}`, type, countyCode: county };
    const input: VisitInput = {
      id, ministerId: m.id, date: beijingDate(received), status: 'submitted', branch,
      sessions, symposiums: sessions.length === 0 ? 1 : rnd.chance(0.09) ? 2 : rnd.chance(0.96) ? 1 : 0, participants: 9 + rnd.int(24), suggestions,
    };
    const outcome = await createRecord({ ...recordDeps, clock: at(received) }, visitKind, input, actor);
    if (outcome.created) visits++;
    if (outcome.record) seeded.push({ id, ministerId: m.id, date: input.date, received, branch: outcome.record.branch });
    made.push({ kind: visitKind, id, received });
    // One visit in sixty sent again the same evening, as a second person on the phone might (疑似重复).
    if (i % 60 === 7) {
      const again = nameUuid(`seed:${values.seed}:visit:${i}:again`);
      const repeat = await createRecord({ ...recordDeps, clock: at(received + 7 * 3_600_000) }, visitKind, { ...input, id: again, suggestions: [] }, actor);
      if (repeat.created) visits++;
      made.push({ kind: visitKind, id: again, received: received + 7 * 3_600_000, duplicate: true });
    }
    for (const s of suggestions) {
      if (s.status === 'pending' && rnd.chance(0.42)) {
        followUps.push({ suggestionId: s.id, visitId: id, when: received + (1 + rnd.int(20)) * 86_400_000, response: '已研究解决' });
      }
    }
    bar(i + 1, plan.length, '走访记录');
  }

  // Suggestions resolved later, in the order it happened; only what has happened by yesterday.
  const due = followUps.filter((f) => f.when <= yesterday).sort((a, b) => a.when - b.when);
  let resolved = 0;
  for (const [i, f] of due.entries()) {
    const current = await recordDeps.records.get(visitKind, f.visitId);
    const suggestion = current?.record.suggestions.find((s) => s.id === f.suggestionId);
    if (current && suggestion?.status === 'pending') {
      await progressSuggestion({ ...recordDeps, clock: at(f.when) }, f.suggestionId, { status: 'resolved', response: f.response }, current.record.version, actor);
      resolved++;
    }
    bar(i + 1, due.length, '意见办理');
  }
  const targets = await seedTargets({ deps: recordDeps, rnd, seed: values.seed!, yesterday, countiesUnder, made }, people, seeded, bar);
  const reviews = await seedReviews(recordDeps, seededRandom(Number(values.seed) + 1), yesterday, made, bar);

  // Every day of the campaign closed in turn, as the nightly rollup would have: the history has its shape.
  const first = beijingDate(start);
  const last = beijingDate(yesterday);
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  for (const [i, day] of days.entries()) {
    await runRollup(rollups, day);
    bar(i + 1, days.length, '每日汇总');
  }
  console.log(`\nBranch registry: ${rows.length} rows (${imported.created} new, ${imported.updated} changed, ${imported.unchanged} unchanged, ${imported.rejected} rejected).`);
  console.log(`${people.length} heads (${kept} already there, left as they were), ${visits} new visits (of ${plan.length}), ${resolved} suggestions resolved later (of ${due.length}).`);
  console.log(`${accounts.length} accounts (${accountsAdded} new): each head's, the staff of the province and each prefecture, an admin.`);
  console.log(`New records of the six targets: ${Object.entries(targets).map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none'}.`);
  console.log(`Reviews: ${reviews.approved} approved, ${reviews.has_issues} flagged, ${reviews.rejected} returned (duplicates confirmed among them), ${reviews.received} left awaiting review.`);
  console.log(`Every day from ${first} to ${last} rolled up (a day already closed stays as it was).`);
  console.log(`Now: curl -s -H "Authorization: Bearer $(npm run -s token -- --client)" ${stack.apiUrl}/summary`);
}

main().catch((error: unknown) => {
  console.error(`\nnpm run seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
