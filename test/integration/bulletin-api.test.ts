import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, beijingDate } from '#schemas/time.ts';
import { rollupRepository } from '#functions/repositories/rollup-repository.ts';
import { runRollup } from '#functions/use-cases/rollup/run-rollup.ts';
import { cardRepository } from '#functions/repositories/card-repository.ts';
import { makeRecordDeps } from '#functions/composition.ts';
import { childrenOf } from '#schemas/regions.ts';
import { api, startTestApi, tokenFor } from './support/local-stack.ts';
import { docxBytes } from '#web/src/desk/export/docx.ts';
import { bulletinDocument } from '#web/src/desk/documents.ts';
import { BULLETIN_COLUMNS, rateText } from '#schemas/bulletin-columns.ts';
import { all, openDocx } from '../support/ooxml.ts';

let stack: Awaited<ReturnType<typeof startTestApi>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let call: (method: string, path: string, body?: unknown) => Promise<{ status: number; headers: Headers; body: any }>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const as = (who: Parameters<typeof tokenFor>[0]) => (path: string) => api(stack.url, tokenFor(who))<any>('GET', path);

const today = beijingDate();
const thisMonth = today.slice(0, 7);
const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
// 城东区 and 城中区 of 西宁市; 大通县 has nothing.
const [EAST, CENTRE] = ['630102', '630103'];

const visit = (county: string, date: string, sessions: number, pending = 0) => ({
  id: randomUUID(), ministerId: `m-${county}`, date, branch: { name: `${county}第${randomUUID().slice(0, 4)}村党支部`, type: 'village', countyCode: county },
  sessions: Array.from({ length: sessions }, () => 'party_lecture'), symposiums: 0, participants: 10,
  suggestions: Array.from({ length: pending }, () => ({ id: randomUUID(), text: '希望修路', channel: 'symposium', status: 'pending' })),
});

beforeAll(async () => {
  stack = await startTestApi();
  call = api(stack.url);
  for (const county of [EAST, CENTRE]) expect((await call('PUT', `/ministers/m-${county}`, { name: `部长${county}`, level: 'county', regionCode: county })).status).toBe(201);
  // Last month: 城东区 two visits (3 sessions), both sent now, so late; 城中区 one (1 session). This month: 城东区 one more.
  for (const body of [visit(EAST, `${lastMonth}-10`, 1, 2), visit(EAST, `${lastMonth}-12`, 2), visit(CENTRE, `${lastMonth}-20`, 1), visit(EAST, today, 1)]) {
    const res = await call('POST', '/visits', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // An overdue problem in 城中区 (deadline yesterday).
  expect((await call('POST', '/problems', {
    id: randomUUID(), ministerId: `m-${CENTRE}`, branch: { name: '城中区问题村党支部', type: 'village', countyCode: CENTRE }, description: '阵地建设不足', category: 'other',
    foundBy: { source: 'other' }, foundOn: addDays(today, -3), responsible: { unit: '街道党工委' }, deadline: addDays(today, -1), status: 'open',
  })).status).toBe(201);
  // Close last month's end (before these records arrived) and today (a clock two days on, so today is closed).
  const store = { client: stack.client, tableName: stack.tableName };
  const rollups = rollupRepository(store);
  const later = { now: () => new Date(Date.now() + 2 * 86_400_000) };
  // With the heads' cards, as the nightly keeps them.
  const cards = { ...makeRecordDeps(store, later), cards: cardRepository(store) };
  await runRollup({ rollups, clock: later, cards }, addDays(`${thisMonth}-01`, -1));
  await runRollup({ rollups, clock: later, cards }, today);
});

afterAll(async () => stack?.close());

type Row = { region: { code: string }; figures: Record<string, number | null>; ranks: Record<string, number>; overallRank: number };
const rowOf = (body: { rows: Row[] }, code: string) => body.rows.find((r) => r.region.code === code)!;

describe('GET /bulletins/{month}/{regionCode}', () => {
  it("ranks a prefecture's counties for last month: the records dated in it, however late they came, and what stood at its end", async () => {
    const res = await call('GET', `/bulletins/${lastMonth}/630100`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: lastMonth, region: { code: '630100', level: 'prefecture' }, provisional: true, asOf: addDays(`${thisMonth}-01`, -1) });
    expect(res.body.formula).toMatch(/单项排名之和/);
    expect(res.body.rows).toHaveLength(7);
    const east = rowOf(res.body, EAST);
    // At last month's end nothing had arrived: no overdue problem, no registered branch (rate unknown).
    expect(east.figures).toEqual({ coverageRate: null, visits: 2, sessions: 3, late: 2, overdueProblems: 0, waitingSuggestions: 0 });
    expect(rowOf(res.body, CENTRE).figures).toMatchObject({ visits: 1, sessions: 1, late: 1 });
    expect(east.ranks).toMatchObject({ visits: 1, sessions: 1, late: 7 });
    expect(rowOf(res.body, CENTRE).ranks).toMatchObject({ visits: 2, sessions: 2, late: 6 });
    expect(res.body.rows[0].overallRank).toBe(1);
    // The heads by their own records dated in the month (their cards), most visits first.
    expect(res.body.heads).toEqual([
      { minister: { id: `m-${EAST}`, name: `部长${EAST}`, level: 'county', regionCode: EAST }, figures: { visits: 2, sessions: 3, late: 2 } },
      { minister: { id: `m-${CENTRE}`, name: `部长${CENTRE}`, level: 'county', regionCode: CENTRE }, figures: { visits: 1, sessions: 1, late: 1 } },
    ]);
  });

  it("reads this month's standing figures from the newest closed day, provisional while the month runs", async () => {
    const res = await call('GET', `/bulletins/${thisMonth}/630100`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provisional: true, asOf: today });
    expect(rowOf(res.body, EAST).figures).toMatchObject({ visits: 1, sessions: 1, late: 0, overdueProblems: 0 });
    expect(rowOf(res.body, CENTRE).figures).toMatchObject({ visits: 0, overdueProblems: 1 });
    expect(rowOf(res.body, CENTRE).ranks.overdueProblems).toBe(7);
  });

  it('is final once the region\'s month is confirmed, walked through the monthly close', async () => {
    const path = `/bulletins/${lastMonth}/630100`;
    const step = async (who: Parameters<typeof tokenFor>[0], region: string, action: string) => {
      const token = tokenFor(who);
      const month = await api(stack.url, token)<{ version: number }>('GET', `/months/${lastMonth}/${region}`);
      const res = await api(stack.url, token)('POST', `/months/${lastMonth}/${region}/${action}`, {}, { 'if-match': `"${month.body!.version}"` });
      expect(res.status, `${action} ${region}: ${JSON.stringify(res.body)}`).toBe(200);
    };
    for (const county of childrenOf('630100').map((c) => c.code)) {
      await step({ role: 'staff', region: county }, county, 'submit');
      await step({ role: 'staff', region: '630100' }, county, 'approve');
    }
    await step({ role: 'staff', region: '630100' }, '630100', 'submit');
    expect((await call('GET', path)).body.provisional).toBe(true);
    await step({ role: 'staff', region: '630000' }, '630100', 'approve');
    expect((await call('GET', path)).body.provisional).toBe(true);
    await step({ role: 'staff', region: '630000' }, '630100', 'confirm');
    expect((await call('GET', path)).body.provisional).toBe(false);
    // The province's month is its own: not confirmed.
    const province = await call('GET', `/bulletins/${lastMonth}/630000`);
    expect(province.body.provisional).toBe(true);
    expect(province.body.rows).toHaveLength(8);
    expect(rowOf(province.body, '630100').figures).toMatchObject({ visits: 3, sessions: 4, late: 3 });
  });

  it("makes a .docx that holds the API's figures and ranks, row by row", async () => {
    const { body } = await call('GET', `/bulletins/${thisMonth}/630100`);
    const { tables, paragraphs } = openDocx(await docxBytes(bulletinDocument(body)));
    const cells = all(tables[0], 'w:tr').slice(1).map((tr) => all(tr, 'w:tc').map((tc) => all(tc, 'w:t').map((t) => t.children.join('')).join('')));
    expect(cells).toEqual(body.rows.map((r: Row) => [String(r.overallRank), expect.any(String), ...BULLETIN_COLUMNS.map((c) => {
      const value = r.figures[c.key];
      return `${c.key === 'coverageRate' ? rateText(value) : Number(value).toLocaleString('zh-CN')}（${r.ranks[c.key]}）`;
    })]));
    expect(paragraphs).toContain(body.formula);
    expect(paragraphs[1]).toMatch(/暂定/);
  });

  it('answers staff, admins and reporters within reach, a head their own region, and nobody else', async () => {
    const path = `/bulletins/${lastMonth}/630100`;
    expect((await as({ role: 'staff', region: '630100' })(path)).status).toBe(200);
    expect((await as({ role: 'reporter', region: '630000' })(path)).status).toBe(200);
    expect((await as({ role: 'submitter', region: '630100', ministerId: 'm-630100' })(path)).status).toBe(200);
    expect((await as({ role: 'staff', region: '630100' })(`/bulletins/${lastMonth}/630000`)).status).toBe(403);
    expect((await as({ role: 'staff', region: '632600' })(path)).status).toBe(403);
    expect((await as({ role: 'submitter', region: '630100' })(path)).status).toBe(403);
    expect((await as({ role: 'submitter', region: EAST, ministerId: `m-${EAST}` })(path)).status).toBe(403);
  });

  it('refuses a county (nothing below it to rank), and a month not begun (400); 404 for no month, or before any closed day of it', async () => {
    const county = await as({ role: 'staff', region: EAST })(`/bulletins/${lastMonth}/${EAST}`);
    expect(county.status).toBe(400);
    expect(county.body.detail).toMatch(/县级/);
    const next = addDays(`${thisMonth}-28`, 5).slice(0, 7);
    expect((await call('GET', `/bulletins/${next}/630100`)).status).toBe(400);
    // A path that names no month is no resource (as a malformed id is).
    expect((await call('GET', '/bulletins/2026-13/630100')).status).toBe(404);
    expect((await call('GET', '/bulletins/2025-01/630100')).status).toBe(404);
  });
});
