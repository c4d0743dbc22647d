import { addDays, beijingDate } from '#schemas/time.ts';
import { findRegion } from '#schemas/regions.ts';
import type { FormRecord } from '#schemas/form.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { createRecord } from '#functions/use-cases/records/create-record.ts';
import { correctRecord } from '#functions/use-cases/records/correct-record.ts';
import { nameUuid, type SeededRandom } from '#local/random.ts';
import type { SeededRecord } from '#local/seed-reviews.ts';

/**
 * The six targets beside the visits: problems found on visits and by inspections (most of them
 * rectified by now), research reports, trainings, mechanisms, models and inspections, each written
 * through the same use cases as the API, stamped when it happened (never after yesterday).
 */

export interface SeedHead {
  id: string;
  level: string;
  regionCode: string;
}

export interface SeedVisit {
  id: string;
  ministerId: string;
  date: string;
  received: number;
  branch: { name: string; type: string; countyCode: string };
}

interface Context {
  deps: RecordDeps;
  rnd: SeededRandom;
  seed: string;
  yesterday: number;
  countiesUnder(code: string): string[];
  /** Every record the seed made, for the reviews that follow (seed-reviews.ts). */
  made: SeededRecord[];
}

const DAY = 86_400_000;
const kindOf = (name: string) => kindNamed(name) ?? raise(`no kind ${name}`);
const raise = (message: string): never => {
  throw new Error(message);
};
const actor = { by: 'seed', requestId: 'seed' };

export async function seedTargets(ctx: Context, heads: SeedHead[], visits: SeedVisit[], progress: (done: number, total: number, label: string) => void) {
  const { deps, rnd, seed, yesterday } = ctx;
  const at = (ms: number) => ({ ...deps, clock: { now: () => new Date(ms) } });
  const dateOf = (ms: number) => beijingDate(ms);
  const uuid = (name: string) => nameUuid(`seed:${seed}:${name}`);
  const later = (from: number, maxDays: number) => Math.min(yesterday, from + (1 + rnd.int(maxDays)) * DAY);
  const counts: Record<string, number> = {};
  const add = async (kind: string, when: number, input: Record<string, unknown>) => {
    const { record, created } = await createRecord(at(when), kindOf(kind), { status: kindOf(kind).form.statuses.initial[0], ...input }, actor);
    if (created) counts[kind] = (counts[kind] ?? 0) + 1;
    ctx.made.push({ kind: kindOf(kind), id: String(input.id), received: when });
    return record as FormRecord;
  };
  /** A status move, made once: a record already moved on (by an earlier run of the seed) is left as it is. */
  const moveOn = async (kind: string, when: number, record: FormRecord, from: string, patch: { status: string } & Record<string, unknown>) =>
    (record.status === from ? correctRecord(at(when), kindOf(kind), { id: record.id, patch, expectedVersion: record.version, actor }) : record);

  const problems: { record: FormRecord; found: number }[] = [];
  const problemOf = async (name: string, when: number, ministerId: string, branch: SeedVisit['branch'], foundBy: Record<string, unknown>) => {
    const found = dateOf(when);
    const record = await add('problem', when, {
      id: uuid(name), ministerId, branch, foundBy, foundOn: found, deadline: addDays(found, 30 + rnd.int(60)),
      description: rnd.pick(['“三会一课”记录不全', '党员活动室长期闲置', '流动党员联系不畅', '村级议事程序不规范', '党费收缴不及时']),
      category: rnd.pick(['organizational_life', 'member_management', 'team_building', 'work_style', 'livelihood']),
      responsible: { unit: `${branch.name}支部委员会`, person: '支部书记' },
    });
    problems.push({ record, found: when });
  };

  for (const [i, visit] of visits.entries()) {
    if (rnd.chance(0.4)) await problemOf(`problem:visit:${i}`, visit.received, visit.ministerId, visit.branch, { source: 'visit', id: visit.id });
    progress(i + 1, visits.length, '问题清单');
  }

  for (const [i, head] of heads.entries()) {
    const own = visits.filter((v) => v.ministerId === head.id);
    const start = Math.min(...own.map((v) => v.received));
    const when = () => start + rnd.int(Math.max(1, yesterday - start));
    if (own.length && rnd.chance(0.7)) {
      const studied = own.slice(0, 1 + rnd.int(Math.min(3, own.length))).map((v) => v.branch);
      const written = when();
      await add('report', written, {
        id: uuid(`report:${head.id}`), ministerId: head.id, date: dateOf(written), title: `关于${studied[0].name}组织生活的调研报告`,
        branches: studied.filter((b, j) => studied.findIndex((o) => o.name === b.name && o.countyCode === b.countyCode) === j),
        highlights: '坚持“主题党日”制度，党员参与率高', weakSpots: '年轻党员外出务工多，组织生活难以集中', remedies: '建立线上学习群，推行“错时”组织生活',
      });
    }
    for (let t = 0; t < rnd.int(3); t++) {
      const visit = rnd.pick(own.length ? own : visits);
      const received = later(visit.received, 30);
      await add('training', received, {
        id: uuid(`training:${head.id}:${t}`), ministerId: head.id, date: dateOf(received), branch: visit.branch,
        topic: rnd.pick(['如何开好组织生活会', '“三会一课”规范化', '发展党员工作流程']), format: rnd.pick(['lecture', 'demonstration', 'mentoring']), trained: 5 + rnd.int(20),
      });
    }
    if (rnd.chance(0.5)) {
      const adopted = when();
      await add('mechanism', adopted, {
        id: uuid(`mechanism:${head.id}`), ministerId: head.id, regionCode: head.regionCode, adoptedOn: dateOf(adopted),
        title: rnd.pick(['党员积分管理办法', '组织部长接待日制度', '村级组织生活纪实制度']), area: rnd.pick(['organizational_life', 'member_management', 'grassroots_governance']),
        summary: '明确责任分工、工作流程和督促检查办法',
      });
    }
    if (own.length && rnd.chance(0.6)) {
      const nominated = when();
      const visit = rnd.pick(own);
      const model = await add('model', nominated, {
        id: uuid(`model:${head.id}`), ministerId: head.id, date: dateOf(nominated), reason: '带领群众发展特色产业，组织生活扎实规范',
        nominee: rnd.chance(0.5) ? { type: 'branch', name: visit.branch.name, countyCode: visit.branch.countyCode } : { type: 'member', name: '优秀党员', branchName: visit.branch.name, countyCode: visit.branch.countyCode },
      });
      if (rnd.chance(0.6)) await moveOn('model', later(nominated, 20), model, 'nominated', { status: 'approved' });
    }
    if (head.level !== 'county') {
      for (let n = 0; n < 2; n++) {
        const inspected = when();
        const county = rnd.pick(ctx.countiesUnder(head.regionCode));
        const findings = Array.from({ length: 1 + rnd.int(3) }, (_, f) => ({ id: uuid(`inspection:${head.id}:${n}:finding:${f}`), text: rnd.pick(['会议记录不规范', '党员档案不全', '整改台账未建立']) }));
        const inspection = await add('inspection', inspected, {
          id: uuid(`inspection:${head.id}:${n}`), ministerId: head.id, type: rnd.pick(['random', 'special']), methods: ['listen', 'look', 'ask'],
          regionCode: county, date: dateOf(inspected), findings,
        });
        for (const [f, finding] of findings.entries()) {
          if (rnd.chance(0.5)) {
            await problemOf(`problem:inspection:${head.id}:${n}:${f}`, inspected, head.id, { name: `${findRegion(county)!.name}第${1 + rnd.int(30)}村党支部`, type: 'village', countyCode: county },
              { source: 'inspection', id: inspection.id, findingId: finding.id });
          }
        }
      }
    }
    progress(i + 1, heads.length, '六个一批');
  }

  // Rectification, in the order it happened; only what has happened by yesterday.
  for (const [i, { record, found }] of problems.entries()) {
    const started = later(found, 15);
    if (rnd.chance(0.8) && started < yesterday) {
      const rectifying = await moveOn('problem', started, record, 'open', { status: 'rectifying' });
      const done = later(started, 40);
      if (rnd.chance(0.75) && done < yesterday) await moveOn('problem', done, rectifying, 'rectifying', { status: 'rectified', evidence: '已完成整改并建立长效机制', rectifiedOn: dateOf(done) });
    }
    progress(i + 1, problems.length, '督导整改');
  }
  return counts;
}
