import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { problemKind } from '#schemas/kinds/problem.ts';
import { visitKind } from '#schemas/kinds/visit.ts';
import { inspectionKind } from '#schemas/kinds/inspection.ts';
import { modelKind } from '#schemas/kinds/model.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { byUrgency, countLights, daysBetween, lightOf, timeLeftText } from '#web/src/desk/lights.ts';
import { hrefOf, parseRoute, withFilter } from '#web/src/desk/route.ts';
import { labelOf, leavesOf, recordTree } from '#web/src/desk/describe.ts';
import { changeText, differences } from '#web/src/desk/diff.ts';
import { headsIn } from '#web/src/desk/record-heads.ts';
import { cellText, dateCell, tableOf, toCsv, toSheet } from '#web/src/desk/table.ts';
import {
  ageInDays, byRegion, countRegions, oldestFirst, recordQuery, regionQuery, shownInQueue, type SuggestionItem, suggestionsInOrder, withVisitVersion,
} from '#web/src/desk/lists.ts';
import { checkPatch, patchOf } from '#web/src/desk/patch.ts';
import { redecisionWarning } from '#web/src/desk/redecide.ts';
import { childrenOf } from '#schemas/regions.ts';

const TODAY = '2026-11-20';
const HEADS: Record<string, string> = { 'm-630102-01': '王建国' };
/** As the desk names people: heads by name, anyone else by their user name. */
const names = { minister: (id: string) => HEADS[id] ?? '本地区以外的部长', person: (sub: string) => HEADS[sub] ?? sub };

const problem = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(), ministerId: 'm-630102-01', branch: { name: '周家泉村党支部', type: 'village', countyCode: '630102' },
  description: '三会一课记录不全', category: 'organizational_life', foundBy: { source: 'other' }, foundOn: '2026-10-01',
  responsible: { unit: '村党支部', person: '张书记' }, deadline: '2026-12-31', status: 'open', review: { state: 'received' as const },
  version: 1, createdAt: '2026-10-01T02:00:00.000Z', updatedAt: '2026-10-01T02:00:00.000Z', ...over,
});

const visit = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(), ministerId: 'm-630102-01', date: '2026-11-18', branch: { name: '东关大街社区党委', type: 'community', countyCode: '630102' },
  sessions: ['party_lecture', 'branch_members_meeting'], symposiums: 1, participants: 12536,
  suggestions: [{ id: randomUUID(), text: '延长活动室开放时间', channel: 'symposium', status: 'pending' }],
  status: 'submitted', review: { state: 'received' as const }, version: 1, createdAt: '2026-11-18T02:00:00.000Z', updatedAt: '2026-11-18T02:00:00.000Z', ...over,
});

describe('the traffic light of a problem (问题整改台账)', () => {
  it('is red once the deadline has passed, the deadline day itself in time', () => {
    expect(lightOf({ status: 'open', deadline: '2026-11-19' }, TODAY)).toBe('red');
    expect(lightOf({ status: 'rectifying', deadline: '2026-01-01' }, TODAY)).toBe('red');
    expect(lightOf({ status: 'open', deadline: TODAY }, TODAY)).toBe('yellow');
  });

  it('is yellow within 10 days, green beyond, grey once rectified, and none when withdrawn', () => {
    expect(lightOf({ status: 'open', deadline: '2026-11-30' }, TODAY)).toBe('yellow');
    expect(lightOf({ status: 'open', deadline: '2026-12-01' }, TODAY)).toBe('green');
    expect(lightOf({ status: 'rectified', deadline: '2026-01-01' }, TODAY)).toBe('grey');
    expect(lightOf({ status: 'withdrawn', deadline: '2026-01-01' }, TODAY)).toBeUndefined();
  });

  it('says how much time is left, across month and year ends', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(timeLeftText({ status: 'open', deadline: '2026-11-17' }, TODAY)).toBe('逾期 3 天');
    expect(timeLeftText({ status: 'open', deadline: TODAY }, TODAY)).toBe('今日到期');
    expect(timeLeftText({ status: 'rectifying', deadline: '2026-11-25' }, TODAY)).toBe('剩 5 天');
    expect(timeLeftText({ status: 'rectified', deadline: '2026-11-01' }, TODAY)).toBe('');
  });

  it('orders the ledger most urgent first and counts each light', () => {
    const list = [
      { id: 'a', status: 'rectified', deadline: '2026-11-01', rectifiedOn: '2026-10-30' },
      { id: 'b', status: 'open', deadline: '2027-01-10' },
      { id: 'c', status: 'open', deadline: '2026-11-25' },
      { id: 'd', status: 'rectifying', deadline: '2026-11-10' },
      { id: 'e', status: 'open', deadline: '2026-10-01' },
      { id: 'f', status: 'rectified', deadline: '2026-11-01', rectifiedOn: '2026-11-15' },
    ];
    expect(byUrgency(list, TODAY).map((p) => p.id)).toEqual(['e', 'd', 'c', 'b', 'f', 'a']);
    expect(countLights(list, TODAY)).toEqual({ red: 2, yellow: 1, green: 1, grey: 2 });
  });
});

describe('desk routes', () => {
  it('read and write the address of every view', () => {
    const id = randomUUID();
    for (const href of ['#/', '#/queue?kind=visits&review=rejected', '#/duplicates', '#/problems?region=630100&light=red', '#/suggestions?status=pending',
      `#/record/problems/${id}`, `#/record/visits/${id}/history`, `#/record/visits/${id}/edit`, '#/settings']) {
      expect(hrefOf(parseRoute(href))).toBe(href);
    }
    expect(parseRoute('')).toEqual({ view: 'home' });
  });

  it('name no record for an unknown kind, a malformed id or a stray part', () => {
    expect(parseRoute(`#/record/problem/${randomUUID()}`)).toEqual({ view: 'home' });
    expect(parseRoute('#/record/problems/not-an-id')).toEqual({ view: 'home' });
    expect(parseRoute(`#/record/problems/${randomUUID()}/delete`)).toEqual({ view: 'home' });
    expect(parseRoute('#/queue?kind=visits&evil=1')).toEqual({ view: 'queue', filters: { kind: 'visits' } });
    expect(withFilter({ kind: 'visits', region: '630100' }, 'region', '')).toEqual({ kind: 'visits' });
  });

  it('name 用户管理 with its role and region, and one account by a username the API takes', () => {
    for (const href of ['#/accounts', '#/accounts?region=632600&role=submitter', '#/accounts/new', '#/accounts/m-630102-01', '#/accounts/13800138000']) {
      expect(hrefOf(parseRoute(href))).toBe(href);
    }
    expect(parseRoute('#/accounts/li%40example.org')).toEqual({ view: 'accounts', id: 'li@example.org', filters: {} });
    expect(parseRoute('#/accounts/-bad')).toEqual({ view: 'home' });
    expect(parseRoute('#/accounts/a/b')).toEqual({ view: 'home' });
  });
});

describe('a record in words', () => {
  it('labels every field in Chinese and shows enumerations, regions and heads by name, numbers as 12,536', () => {
    const leaves = leavesOf(recordTree(visitKind, visit(), names));
    const byPath = Object.fromEntries(leaves.map((l) => [l.path, l]));
    expect(byPath.ministerId.text).toBe('王建国');
    expect(byPath['branch.countyCode']).toMatchObject({ label: '走访的党组织 · 所在县（市、区）', text: '城东区' });
    expect(byPath['branch.type'].text).toBe('社区党组织');
    expect(byPath.sessions.text).toBe('党课、支部党员大会');
    expect(byPath.participants.text).toBe('12,536');
    expect(byPath['suggestions[0].status']).toMatchObject({ label: '收集的意见建议 第 1 条 · 办理情况', text: '待答复' });
    expect(byPath['suggestions[0].id']).toBeUndefined();
    expect(byPath.status.text).toBe('已提交');
    expect(byPath['review.state']).toMatchObject({ label: '审核状态', text: '待审核' });
    // No field name and no enumeration code reaches the page.
    for (const kind of KINDS) for (const leaf of leavesOf(recordTree(kind, {}, names))) expect(leaf.label, `${kind.name} ${leaf.path}`).toMatch(/[\u4e00-\u9fff]/);
  });

  it("shows a head outside the person's region by a phrase, never by id", () => {
    const byPath = Object.fromEntries(leavesOf(recordTree(visitKind, visit({ ministerId: 'm-632700-01' }), names)).map((l) => [l.path, l.text]));
    expect(byPath.ministerId).toBe('本地区以外的部长');
  });

  it('carries what the server keeps: a problem overdue, a withdrawn status, an inspection finding\'s problems', () => {
    const p = Object.fromEntries(leavesOf(recordTree(problemKind, problem({ overdue: true, status: 'withdrawn' }), names)).map((l) => [l.path, l.text]));
    expect(p.overdue).toBe('是');
    expect(p.status).toBe('已撤回');
    const problemId = randomUUID();
    const i = leavesOf(recordTree(inspectionKind, { type: 'random', methods: ['listen', 'check'], regionCode: '630100', findings: [{ id: randomUUID(), text: '记录不规范', problemIds: [problemId] }] }, names));
    expect(i.find((l) => l.path === 'findings[0].problemIds')).toMatchObject({ label: '发现的问题 第 1 条 · 由此建立的问题', text: problemId });
    expect(i.find((l) => l.path === 'methods')?.text).toBe('听、查');
    expect(i.find((l) => l.path === 'regionCode')?.text).toBe('西宁市');
  });
});

describe('differences between versions', () => {
  it('list each changed field as label: before → after, in words', () => {
    const before = visit();
    const after = { ...before, participants: 40, suggestions: [{ ...before.suggestions[0], status: 'answered', response: '已延长' }], review: { state: 'rejected', comment: '人数有误' } };
    expect(differences(visitKind, before, after, names)).toEqual([
      { path: 'participants', label: '党员参加（人次）', before: '12,536', after: '40' },
      { path: 'suggestions[0].status', label: '收集的意见建议 第 1 条 · 办理情况', before: '待答复', after: '当场答复' },
      { path: 'suggestions[0].response', label: '收集的意见建议 第 1 条 · 答复或解决情况', before: '', after: '已延长' },
      { path: 'review.state', label: '审核状态', before: '待审核', after: '已退回' },
      { path: 'review.comment', label: '审核意见', before: '', after: '人数有误' },
    ]);
  });

  it('show a removed item as emptied, and a trail entry with its action, person and Beijing time', () => {
    const before = visit();
    const after = { ...before, suggestions: [] };
    expect(differences(visitKind, before, after, names).map((d) => [d.label, d.before, d.after])).toEqual([
      ['收集的意见建议 第 1 条 · 意见建议内容', '延长活动室开放时间', ''],
      ['收集的意见建议 第 1 条 · 收集方式', '座谈会', ''],
      ['收集的意见建议 第 1 条 · 办理情况', '待答复', ''],
    ]);
    const entry = changeText(problemKind, { version: 2, action: 'withdraw', at: '2026-11-19T17:30:00.000Z', by: 'xining-staff', before: problem(), after: problem({ status: 'withdrawn' }) }, names);
    expect(entry).toEqual({ version: 2, action: '撤回', who: 'xining-staff', when: '2026-11-20 01:30', differences: [{ path: 'status', label: '整改状态', before: '待整改', after: '已撤回' }] });
    expect(changeText(problemKind, { version: 1, action: 'create', at: '2026-11-19T00:00:00.000Z', by: 'm-630102-01', before: null, after: problem() }, names)).toMatchObject({ action: '新建', who: '王建国', differences: [] });
  });

  it('name the author of a trail entry by the name stored with it, not by the account', () => {
    const change = { version: 2, action: 'correct', at: '2026-11-19T17:30:00.000Z', by: 'u-91c2', byName: '马明', before: problem(), after: problem({ status: 'rectifying' }) };
    expect(changeText(problemKind, change, names).who).toBe('马明');
  });

  it('learn the heads that records name (a head above the person\'s region), from one record or a page of them', () => {
    expect(headsIn({ id: 'a', ministerId: 'm-630000-01', ministerName: '省委组织部部长' })).toEqual([['m-630000-01', '省委组织部部长']]);
    expect(headsIn({ items: [{ ministerId: 'm-630000-01', ministerName: '省委组织部部长' }, { ministerId: 'm-x' }, { ministerId: 'm-y', ministerName: '' }], nextCursor: null }))
      .toEqual([['m-630000-01', '省委组织部部长']]);
    expect(headsIn({ items: [{ version: 1, by: 'u', after: {} }] })).toEqual([]);
    expect(headsIn({ items: [{ id: 's', text: '建议', visit: { id: 'v', ministerId: 'm-630000-01', ministerName: '省委组织部部长' } }] })).toEqual([['m-630000-01', '省委组织部部长']]);
    expect(headsIn(undefined)).toEqual([]);
  });
});

describe('lists as tables, and their exports', () => {
  type Row = { branch: string; n?: number; d: string };
  const table = tableOf<Row>('问题整改台账', [
    { key: 'branch', label: '党组织', value: (r) => r.branch },
    { key: 'n', label: '人数', type: 'number', value: (r) => r.n },
    { key: 'd', label: '整改时限', type: 'date', value: (r) => r.d },
  ], [{ branch: '周家泉村党支部, "一组"', n: 12536, d: '2026-11-20' }, { branch: '东关\n社区', d: '2026-12-01' }]);

  it('show cells as people read them: 12,536 and 2026-11-20', () => {
    expect(cellText('number', 12536)).toBe('12,536');
    expect(cellText('date', '2026-11-20')).toBe('2026-11-20');
    expect(cellText('text', undefined)).toBe('');
  });

  it('write CSV in UTF-8 with a BOM, Chinese headers and quoted fields', () => {
    expect(toCsv(table)).toBe('\uFEFF党组织,人数,整改时限\r\n"周家泉村党支部, ""一组""",12536,2026-11-20\r\n"东关\n社区",,2026-12-01\r\n');
  });

  it('write an .xlsx sheet with a frozen bold header, widths, numbers as numbers and dates as dates', () => {
    const sheet = toSheet(table);
    expect(sheet.stickyRowsCount).toBe(1);
    expect(sheet.columns).toHaveLength(3);
    expect(sheet.data[0]).toEqual([{ value: '党组织', type: String, fontWeight: 'bold' }, { value: '人数', type: String, fontWeight: 'bold' }, { value: '整改时限', type: String, fontWeight: 'bold' }]);
    expect(sheet.data[1][1]).toEqual({ value: 12536, type: Number, format: '#,##0' });
    expect(sheet.data[1][2]).toEqual({ value: new Date(Date.UTC(2026, 10, 20)), type: Date, format: 'yyyy-mm-dd' });
    expect(sheet.data[2][1]).toBeNull();
    expect(dateCell('2026-02-30x')).toBeUndefined();
  });
});

describe('the desk\'s lists', () => {
  it('ask the API for a region at its level, and for a kind\'s status only with its kind', () => {
    expect(regionQuery('630000')).toEqual({});
    expect(regionQuery('630100')).toEqual({ prefecture: '630100' });
    expect(regionQuery('630102')).toEqual({ county: '630102' });
    expect(recordQuery({ region: '630102', minister: 'm-1', from: '2026-11-01', status: 'open' }).toString()).toBe('limit=500&county=630102&review=received&ministerId=m-1&from=2026-11-01');
    expect(recordQuery({ kind: 'problems', status: 'open', review: 'rejected' }).toString()).toBe('limit=500&review=rejected&status=open');
    expect(recordQuery({ review: 'all' }).toString()).toBe('limit=500');
  });

  it('put the oldest received first and leave withdrawn records out unless asked for', () => {
    const a = visit({ createdAt: '2026-11-19T00:00:00.000Z' });
    const b = visit({ createdAt: '2026-11-18T00:00:00.000Z' });
    expect(oldestFirst([a, b])).toEqual([b, a]);
    expect(shownInQueue({ status: 'withdrawn' }, {})).toBe(false);
    expect(shownInQueue({ status: 'withdrawn' }, { status: 'withdrawn' })).toBe(true);
  });

  it('list pending suggestions first, longest waiting at the top, and keep every suggestion of a visit on its new version', () => {
    const item = (id: string, status: SuggestionItem['status'], date: string, visitId: string = randomUUID()): SuggestionItem =>
      ({ id, text: 't', channel: 'symposium', status, visit: { id: visitId, version: 1, date, ministerId: 'm', branch: { name: 'b', type: 'village', countyCode: '630102' } } });
    const items = [item('a', 'resolved', '2026-11-01'), item('b', 'pending', '2026-11-10'), item('c', 'answered', '2026-11-15'), item('d', 'pending', '2026-10-01'), item('e', 'resolved', '2026-11-12')];
    expect(suggestionsInOrder(items).map((i) => i.id)).toEqual(['d', 'b', 'c', 'e', 'a']);
    expect(ageInDays(items[1], TODAY)).toBe(10);
    const shared = [item('x', 'pending', TODAY, 'v1'), item('y', 'pending', TODAY, 'v1'), item('z', 'pending', TODAY, 'v2')];
    expect(withVisitVersion(shared, 'v1', 3).map((i) => i.visit.version)).toEqual([3, 3, 1]);
  });

  it('count by child region: a prefecture by its counties, a county by itself', () => {
    expect(countRegions('630000', childrenOf).map((r) => r.code)).toHaveLength(8);
    expect(countRegions('630102', childrenOf)).toEqual([{ code: '630102', name: '城东区' }]);
    const groups = byRegion([{ c: '630102' }, { c: '630103' }, { c: '632701' }], countRegions('630000', childrenOf), (x) => x.c);
    expect(groups.get('630100')).toHaveLength(2);
    expect(groups.get('632700')).toHaveLength(1);
  });
});

describe('a correction', () => {
  it('names only the fields that changed, a list emptied as [], and refuses to empty a single field', () => {
    const record = visit({ notes: '原备注' });
    const read = { ...record, participants: 40, suggestions: undefined, notes: undefined, review: undefined };
    const { patch, errors } = patchOf(visitKind.form, record, read);
    expect(patch).toEqual({ participants: 40, suggestions: [] });
    expect(errors).toEqual([{ path: 'notes', message: '已填写的内容不能清空，可改为其他内容' }]);
  });

  it('leaves out what is fixed once reported and what the server keeps', () => {
    const findingId = randomUUID();
    const record = { type: 'random', methods: ['listen'], regionCode: '630100', date: '2026-11-01', ministerId: 'm', findings: [{ id: findingId, text: '记录不规范', problemIds: [randomUUID()] }] };
    expect(patchOf(inspectionKind.form, record, { ...record, findings: [{ id: findingId, text: '记录不规范' }] }).patch).toEqual({});
    const p = problem();
    expect(patchOf(problemKind.form, p, { ...p, foundBy: { source: 'visit', id: randomUUID() } }).patch).toEqual({});
    expect(patchOf(modelKind.form, { status: 'nominated' }, {}).errors).toEqual([]);
  });

  it('is checked with the API\'s rules and words: rectified needs evidence and a date', () => {
    expect(checkPatch(problemKind, problem(), { status: 'rectified' })).toEqual([
      { path: 'evidence', message: '整改完成需填写整改情况' },
      { path: 'rectifiedOn', message: '整改完成需填写完成日期' },
    ]);
    expect(checkPatch(problemKind, problem(), { status: 'rectified', evidence: '已补齐', rectifiedOn: '2026-09-01' })).toEqual([{ path: 'rectifiedOn', message: '完成日期不能早于发现日期' }]);
    expect(checkPatch(visitKind, visit(), { participants: -1 })).toEqual([{ path: 'participants', message: '不能小于 0' }]);
    expect(checkPatch(problemKind, problem(), { status: 'rectifying' })).toEqual([]);
    expect(labelOf(problemKind, 'evidence')).toBe('整改情况');
  });
});

describe('a correction of a decided record', () => {
  it('says before sending that changing what was decided sends it back, only when the record is decided', () => {
    expect(redecisionWarning(modelKind, { status: 'approved' })).toBe('本记录为“已选树”：修改推荐对象将退回“已推荐”，重新审核。');
    expect(redecisionWarning(modelKind, { status: 'rejected' })).toContain('退回“已推荐”');
    expect(redecisionWarning(modelKind, { status: 'nominated' })).toBeUndefined();
    expect(redecisionWarning(problemKind, { status: 'rectified' })).toBeUndefined();
  });

  it('is said in the trail, beside the action, when the API sent the decision back', () => {
    const at = '2026-11-19T17:30:00.000Z';
    const entry = changeText(modelKind, { version: 3, action: 'correct', reason: 'redecide', at, by: 'm-630102-01', before: { status: 'approved' }, after: { status: 'nominated' } }, names);
    expect(entry).toMatchObject({ action: '修改', reason: '修改了已作决定的内容，退回重新决定', differences: [{ label: '选树结果', before: '已选树', after: '已推荐' }] });
    expect(changeText(modelKind, { version: 2, action: 'correct', at, by: 'x', before: { status: 'nominated' }, after: { status: 'approved' } }, names).reason).toBeUndefined();
  });
});
