import { randomUUID } from 'node:crypto';

/**
 * A valid body of every kind of the form catalogue, for tests that run the same checks on each kind.
 * `where` places the record (a county code) and dates it; a kind missing here fails those tests.
 */
export interface Where {
  ministerId: string;
  countyCode: string;
  date: string;
}

export interface KindSample {
  /** A valid new record. */
  valid(where: Where): Record<string, unknown>;
  /** A correction of one ordinary field, and how the corrected record shows it. */
  correction: Record<string, unknown>;
  /** A body with several bad fields, and the paths the 422 must list. */
  invalid: { body: (where: Where) => Record<string, unknown>; paths: string[] };
  /** Fields a record needs to enter a status (problems: evidence and date once rectified). */
  statusFields?: (status: string, where: Where) => Record<string, unknown>;
}

const branch = (countyCode: string, name = '示范村党支部') => ({ name, type: 'village', countyCode });

export const SAMPLES: Record<string, KindSample> = {
  visit: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, date: w.date, branch: branch(w.countyCode, `${randomUUID().slice(0, 8)}村党支部`),
      sessions: ['branch_members_meeting'], symposiums: 1, participants: 30,
      suggestions: [{ id: randomUUID(), text: '建议增加学习资料', channel: 'symposium', status: 'pending' }],
    }),
    correction: { participants: 45 },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, date: '2099-01-01', branch: branch('630100'), sessions: [], symposiums: -1, participants: 1 }),
      paths: ['date', 'branch.countyCode', 'symposiums'],
    },
  },
  problem: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, branch: branch(w.countyCode), description: '“三会一课”记录不全',
      category: 'organizational_life', foundBy: { source: 'other' }, foundOn: w.date,
      responsible: { unit: '村党支部', person: '张书记' }, deadline: w.date,
    }),
    correction: { description: '“三会一课”记录不全，党课未按季度开展' },
    invalid: {
      body: (w) => ({
        id: randomUUID(), ministerId: w.ministerId, branch: branch(w.countyCode), description: '', category: 'weather',
        foundBy: { source: 'visit' }, foundOn: w.date, responsible: { unit: '村党支部' }, deadline: '2016-01-01', status: 'rectified',
      }),
      paths: ['description', 'category', 'foundBy.id', 'deadline', 'evidence', 'rectifiedOn'],
    },
    statusFields: (status, w) => (status === 'rectified' ? { evidence: '已补齐记录并建立台账', rectifiedOn: w.date } : {}),
  },
  report: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, date: w.date, title: '关于村党支部组织生活的调研', branches: [branch(w.countyCode)],
      highlights: '党员活动室使用率高', weakSpots: '年轻党员参与少', remedies: '开设线上学习课堂',
    }),
    correction: { title: '关于村党支部组织生活质量的调研' },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, date: w.date, title: 'x'.repeat(201), branches: [], highlights: '有', weakSpots: '有' }),
      paths: ['title', 'branches', 'remedies'],
    },
  },
  training: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, date: w.date, branch: branch(w.countyCode), topic: '如何开好组织生活会', format: 'lecture', trained: 12,
    }),
    correction: { trained: 15 },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, date: w.date, branch: branch(w.countyCode), topic: '培训', format: 'nap', trained: 1, trainees: ['甲', '乙'] }),
      paths: ['format', 'trainees'],
    },
  },
  mechanism: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, title: '党员积分管理办法', area: 'member_management', regionCode: w.countyCode, adoptedOn: w.date,
      summary: '以积分评价党员日常表现',
    }),
    correction: { summary: '以积分评价党员日常表现，每季度公示' },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, title: '办法', area: 'member_management', regionCode: '110000', adoptedOn: 'yesterday', summary: '' }),
      paths: ['regionCode', 'adoptedOn', 'summary'],
    },
  },
  model: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, nominee: { type: 'member', name: '李明', branchName: '示范村党支部', countyCode: w.countyCode },
      date: w.date, reason: '带领群众发展特色种植',
    }),
    correction: { reason: '带领群众发展特色种植，人均增收两千元' },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, nominee: { type: 'hero', name: '李明', countyCode: w.countyCode }, date: w.date, reason: '', status: 'approved' }),
      paths: ['nominee.type', 'reason', 'status'],
    },
  },
  inspection: {
    valid: (w) => ({
      id: randomUUID(), ministerId: w.ministerId, type: 'random', methods: ['listen', 'check'], regionCode: w.countyCode, date: w.date,
      findings: [{ id: randomUUID(), text: '会议记录不规范' }],
    }),
    correction: { subject: '组织生活规范化' },
    invalid: {
      body: (w) => ({ id: randomUUID(), ministerId: w.ministerId, type: 'random', methods: [], regionCode: w.countyCode, date: w.date, findings: [{ id: 'f', text: '' }] }),
      paths: ['methods', 'findings[0].id', 'findings[0].text'],
    },
  },
};
