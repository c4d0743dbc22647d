import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../support/samples.ts';
import { ifMatch, looseCaller, startTestApi, type TestApi, tokenFor } from './support/local-stack.ts';

/**
 * The monthly close over random histories, through the API against DynamoDB Local: record writes
 * (create, correct, move to the other month, withdraw, review) and month steps of four counties and
 * their prefecture (submit, approve, return, confirm, reopen). Checked against a model written here,
 * not read from the code: every write into a locked month is refused (409 month-locked) and nothing
 * else is; every step is taken exactly when the rules allow it; and every month's counts equal a
 * recount of the model's records, however often it was reopened, changed and submitted again.
 */

const PREFECTURE = '632200';
const COUNTIES = ['632221', '632222', '632223', '632224'];
const LOCKED = new Set(['submitted', 'approved', 'confirmed']);
const REVIEW_MOVES: Record<string, string[]> = {
  received: ['approved', 'has_issues', 'rejected'], has_issues: ['approved', 'rejected'], approved: ['has_issues', 'rejected'], rejected: ['approved', 'has_issues'],
};

type State = 'open' | 'submitted' | 'approved' | 'returned' | 'confirmed';
interface ModelRecord { id: string; county: string; month: number; version: number; withdrawn: boolean; review: string }
interface ModelMonth { state: State; version: number }

type Op =
  | { t: 'create'; county: number; month: number }
  | { t: 'correct'; pick: number; move: boolean }
  | { t: 'withdraw'; pick: number }
  | { t: 'review'; pick: number; choice: number }
  | { t: 'county'; action: 'submit' | 'approve' | 'return' | 'reopen'; county: number; month: number }
  | { t: 'prefecture'; action: 'submit' | 'approve' | 'confirm' | 'reopen'; month: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('create' as const), county: fc.integer({ min: 0, max: 1 }), month: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('correct' as const), pick: fc.nat(), move: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('review' as const), pick: fc.nat(), choice: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('county' as const), action: fc.constantFrom('submit' as const, 'approve' as const, 'return' as const, 'reopen' as const), county: fc.integer({ min: 0, max: 3 }), month: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('prefecture' as const), action: fc.constantFrom('submit' as const, 'approve' as const, 'confirm' as const, 'reopen' as const), month: fc.integer({ min: 0, max: 1 }) }) },
);

let stack: TestApi;
const admin = looseCaller();
const prefectureStaff = looseCaller();
const provinceStaff = looseCaller();
const countyStaff = new Map<string, ReturnType<typeof looseCaller>>();
const head = (county: string) => `m-${county}-p`;

/** Two months of their own for each history (they share the table): 2017-01 and 2017-02, then 2017-03 and 2017-04, … */
let monthsUsed = 0;
/** What the histories drew, so the property is known to have met the lock and the prefecture's steps. */
const seen = { refusedWrites: 0, prefectureSteps: 0 };
function freshMonths(): [string, string] {
  const at = (n: number) => `${2017 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  monthsUsed += 2;
  return [at(monthsUsed - 2), at(monthsUsed - 1)];
}

beforeAll(async () => {
  stack = await startTestApi();
  admin.connect(stack.url);
  prefectureStaff.connect(stack.url, tokenFor({ sub: 'staff-6322', role: 'staff', region: PREFECTURE }));
  provinceStaff.connect(stack.url, tokenFor({ sub: 'staff-63', role: 'staff', region: '630000' }));
  for (const county of COUNTIES) {
    const caller = looseCaller();
    caller.connect(stack.url, tokenFor({ sub: `staff-${county}`, role: 'staff', region: county }));
    countyStaff.set(county, caller);
    expect((await admin('PUT', `/ministers/${head(county)}`, { name: `部长${county}`, level: 'county', regionCode: county })).status).toBe(201);
  }
});

afterAll(async () => stack?.close());

async function runHistory(ops: readonly Op[]) {
  const months = freshMonths();
  const dateOf = (month: number) => `${months[month]}-10`;
  const records: ModelRecord[] = [];
  const monthState = new Map<string, ModelMonth>();
  const key = (region: string, month: number) => `${region}#${month}`;
  const monthOf = (region: string, month: number) => monthState.get(key(region, month)) ?? { state: 'open' as State, version: 0 };
  const setMonth = (region: string, month: number, state: State) => monthState.set(key(region, month), { state, version: monthOf(region, month).version + 1 });
  const locked = (county: string, month: number) => LOCKED.has(monthOf(county, month).state);
  let participants = 100;

  /** A record write: refused as month-locked exactly when a month it touches is locked. */
  const expectWrite = (res: { status: number; body: { type?: string } }, refused: boolean, ok = 200) => {
    if (refused) {
      seen.refusedWrites++;
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.type).toBe('/problems/month-locked');
    } else expect(res.status, JSON.stringify(res.body)).toBe(ok);
  };
  /** A month step: taken exactly when the rules allow it, else 409 (never another refusal: the callers are the right ones). */
  const step = async (caller: ReturnType<typeof looseCaller>, region: string, month: number, action: string, allowed: boolean) => {
    const res = await caller('POST', `/months/${months[month]}/${region}/${action}`, { reason: '核对' }, ifMatch(monthOf(region, month).version));
    expect(res.status, `${action} ${region} ${months[month]}: ${JSON.stringify(res.body)}`).toBe(allowed ? 200 : 409);
    return allowed;
  };

  for (const op of ops) {
    const live = records.filter((r) => !r.withdrawn);
    const picked = 'pick' in op && live.length ? live[op.pick % live.length] : undefined;
    switch (op.t) {
      case 'create': {
        const county = COUNTIES[op.county];
        const body = SAMPLES.visit.valid({ ministerId: head(county), countyCode: county, date: dateOf(op.month) });
        const res = await admin('POST', '/visits', body);
        expectWrite(res, locked(county, op.month), 201);
        if (res.status === 201) records.push({ id: res.body.id, county, month: op.month, version: 1, withdrawn: false, review: 'received' });
        break;
      }
      case 'correct': {
        if (!picked) break;
        const to = op.move ? 1 - picked.month : picked.month;
        const res = await admin('PATCH', `/visits/${picked.id}`, { participants: participants++, ...(op.move ? { date: dateOf(to) } : {}) }, ifMatch(picked.version));
        expectWrite(res, locked(picked.county, picked.month) || locked(picked.county, to));
        if (res.status === 200) Object.assign(picked, { month: to, version: picked.version + 1, review: 'received' });
        break;
      }
      case 'withdraw': {
        if (!picked) break;
        const res = await admin('DELETE', `/visits/${picked.id}`, undefined, ifMatch(picked.version));
        expectWrite(res, locked(picked.county, picked.month));
        if (res.status === 200) Object.assign(picked, { withdrawn: true, version: picked.version + 1 });
        break;
      }
      case 'review': {
        if (!picked) break;
        const moves = REVIEW_MOVES[picked.review];
        const state = moves[op.choice % moves.length];
        const res = await admin('PATCH', `/visits/${picked.id}/review`, { state, ...(state === 'approved' ? {} : { comment: '请核对' }) }, ifMatch(picked.version));
        expectWrite(res, locked(picked.county, picked.month));
        if (res.status === 200) Object.assign(picked, { review: state, version: picked.version + 1 });
        break;
      }
      case 'county': {
        const county = COUNTIES[op.county];
        const { state } = monthOf(county, op.month);
        const parentLocked = LOCKED.has(monthOf(PREFECTURE, op.month).state);
        const allowed = {
          submit: state === 'open' || state === 'returned',
          approve: state === 'submitted',
          return: state === 'submitted',
          reopen: LOCKED.has(state) && !parentLocked,
        }[op.action];
        const caller = op.action === 'submit' ? countyStaff.get(county)! : prefectureStaff;
        if (await step(caller, county, op.month, op.action, allowed)) {
          setMonth(county, op.month, ({ submit: 'submitted', approve: 'approved', return: 'returned', reopen: 'open' } as const)[op.action]);
        }
        break;
      }
      case 'prefecture': {
        const { state } = monthOf(PREFECTURE, op.month);
        const countiesSignedOff = COUNTIES.every((c) => ['approved', 'confirmed'].includes(monthOf(c, op.month).state));
        const allowed = {
          submit: (state === 'open' || state === 'returned') && countiesSignedOff,
          approve: state === 'submitted',
          confirm: state === 'approved',
          reopen: LOCKED.has(state),
        }[op.action];
        if (await step(op.action === 'submit' ? prefectureStaff : provinceStaff, PREFECTURE, op.month, op.action, allowed)) {
          seen.prefectureSteps++;
          setMonth(PREFECTURE, op.month, ({ submit: 'submitted', approve: 'approved', confirm: 'confirmed', reopen: 'open' } as const)[op.action]);
          if (op.action === 'confirm') for (const c of COUNTIES) if (monthOf(c, op.month).state !== 'confirmed') setMonth(c, op.month, 'confirmed');
        }
        break;
      }
    }
  }

  // Every month's state, version and counts as the model has them (a recount of its records).
  for (const month of [0, 1]) {
    for (const region of [...COUNTIES, PREFECTURE]) {
      const res = await admin('GET', `/months/${months[month]}/${region}`);
      const mine = records.filter((r) => !r.withdrawn && r.month === month && (region === PREFECTURE || r.county === region));
      expect(res.body, `${region} ${months[month]}`).toMatchObject({
        state: monthOf(region, month).state, version: monthOf(region, month).version,
        counts: { records: mine.length, awaitingReview: mine.filter((r) => r.review === 'received').length },
      });
    }
  }
}

describe('the monthly close over random histories', () => {
  it('refuses exactly the writes into locked months, takes exactly the allowed steps, and counts as a recount does', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 15, maxLength: 40 }), runHistory), { numRuns: 8 });
    expect(seen.refusedWrites).toBeGreaterThan(0);
  });

  it('walks a prefecture through submit, approve, confirm and reopen with writes between', async () => {
    const signOff = (month: number): Op[] => [0, 1, 2, 3].flatMap((county) => [
      { t: 'county', action: 'submit', county, month }, { t: 'county', action: 'approve', county, month },
    ] as Op[]);
    const before = seen.prefectureSteps;
    await runHistory([
      { t: 'create', county: 0, month: 0 }, { t: 'create', county: 1, month: 1 },
      ...signOff(0),
      { t: 'prefecture', action: 'submit', month: 0 }, { t: 'create', county: 1, month: 0 },
      { t: 'prefecture', action: 'approve', month: 0 }, { t: 'county', action: 'reopen', county: 0, month: 0 },
      { t: 'prefecture', action: 'confirm', month: 0 }, { t: 'correct', pick: 1, move: true }, { t: 'review', pick: 0, choice: 0 },
      { t: 'prefecture', action: 'reopen', month: 0 }, { t: 'county', action: 'reopen', county: 0, month: 0 },
      { t: 'correct', pick: 0, move: false }, { t: 'county', action: 'submit', county: 0, month: 0 }, { t: 'county', action: 'approve', county: 0, month: 0 },
      { t: 'prefecture', action: 'submit', month: 0 },
    ]);
    expect(seen.prefectureSteps - before).toBe(5);
  });

  it('restates the counts after reopen, change and submit again', async () => {
    // The history the property above may or may not draw: submitted, refused, reopened, changed, submitted again.
    await runHistory([
      { t: 'create', county: 0, month: 0 }, { t: 'create', county: 0, month: 0 },
      { t: 'county', action: 'submit', county: 0, month: 0 },
      { t: 'withdraw', pick: 0 }, { t: 'create', county: 0, month: 0 },
      { t: 'county', action: 'approve', county: 0, month: 0 },
      { t: 'county', action: 'reopen', county: 0, month: 0 },
      { t: 'withdraw', pick: 0 }, { t: 'correct', pick: 0, move: true }, { t: 'create', county: 0, month: 0 },
      { t: 'county', action: 'submit', county: 0, month: 0 },
    ]);
  });
});
