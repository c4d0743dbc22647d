import { describe, expect, it } from 'vitest';
import { KIND_REGISTRY, kindNamed } from '#schemas/kinds/index.ts';
import type { Visit } from '#schemas/kinds/visit.ts';
import type { Minister } from '#schemas/minister.ts';
import type { ReceivedChange, ReceivedTrailEntry } from '#functions/ports/records.ts';
import type { CardReader, RecordVersion, VersionKey } from '#functions/ports/rollups.ts';
import { cardContribution, emptyTally, type HeadCard, moveTally } from '#functions/rollup/card.ts';
import { COUNTING_RULES } from '#functions/rollup/figures.ts';
import { cardMover, levelsOf } from '#functions/use-cases/reporting/card-moves.ts';

/**
 * A card moved over a span by the versions received in it: each record's version at the card's
 * instant (the one before the first received) and at the end (the last received), read by key; a
 * record whose versions received are not one run is read from its own trail instead.
 */

const visit = kindNamed('visit')!;
const HEAD: Minister = {
  id: 'm-a', name: '甲', level: 'county', regionCode: '632621', terms: [{ from: '2000-01-01', level: 'county', regionCode: '632621' }],
  version: 1, createdAt: '2025-12-01T01:00:00.000Z', updatedAt: '2025-12-01T01:00:00.000Z',
};
const AS_OF = '2026-01-05T16:00:00.000Z';
const END = '2026-01-06T16:00:00.000Z';
const today = (hour: number) => `2026-01-06T0${hour}:00:00.000Z`;

const visitOf = (id: string, version: number, patch: Partial<Visit> = {}): Visit => ({
  id, ministerId: HEAD.id, date: '2026-01-05',
  branch: { name: '示范村党支部', type: 'village', countyCode: '632621' },
  sessions: ['party_lecture'], symposiums: 1, participants: 10 + version, suggestions: [],
  status: 'submitted', review: { state: 'received' }, version, createdAt: AS_OF, updatedAt: AS_OF, ...patch,
});

/** The card of the head with these versions counted. */
function cardWith(...versions: Visit[]): HeadCard {
  const tally = emptyTally(KIND_REGISTRY.list.map((kind) => kind.name));
  for (const version of versions) moveTally(tally, 'visit', undefined, cardContribution(visit, version, 2026, levelsOf(HEAD)));
  return { ministerId: HEAD.id, year: 2026, asOf: AS_OF, minister: { version: 1, updatedAt: HEAD.updatedAt }, countingRules: COUNTING_RULES, ...tally };
}

const change = (version: Visit, at: string, before?: Visit): ReceivedChange =>
  ({ kind: 'visit', recordId: version.id, version: version.version, at, ministerIds: [...new Set([before?.ministerId, version.ministerId].flatMap((id) => (id ? [id] : [])))] });

/** A reader of these changes and stored versions (and trails), counting what is asked of it. */
function reader(changes: ReceivedChange[], stored: Visit[], trails: Record<string, ReceivedTrailEntry[]> = {}) {
  const asked = { versions: [] as VersionKey[], trails: [] as string[] };
  const cards: CardReader = {
    get: async () => new Map(),
    changesReceived: async (from, end) => changes.filter((c) => c.at >= from && c.at < end),
    recordTrail: async (_kind, id) => {
      asked.trails.push(id);
      return trails[id] ?? [];
    },
    versions: async (keys) => {
      asked.versions.push(...keys);
      return keys.flatMap((key): RecordVersion[] => stored.filter((v) => v.id === key.recordId && v.version === key.version).map((after) => ({ ...key, after })));
    },
  };
  return { cards, asked };
}

describe("moving a head's card over the versions received since it", () => {
  it('reads each record at its version before the first received and at the last, by key (none before a creation)', async () => {
    const [r1, r1b, r1c] = [visitOf('r1', 1), visitOf('r1', 2), visitOf('r1', 3, { participants: 40 })];
    const created = visitOf('r2', 1);
    const withdrawn = visitOf('r2', 2, { status: 'withdrawn' });
    const { cards, asked } = reader([change(r1b, today(1), r1), change(r1c, today(2), r1b), change(created, today(3)), change(withdrawn, today(4), created)], [r1, r1b, r1c, created, withdrawn]);
    const mover = await cardMover(cards, KIND_REGISTRY, [cardWith(r1)], END);
    const tally = await mover.move(HEAD);
    // The card as given stays as it was: each move starts from it.
    expect(await mover.move(HEAD)).toEqual(tally);
    expect(asked.versions.map((k) => `${k.recordId}@${k.version}`).sort()).toEqual(['r1@1', 'r1@3', 'r2@2']);
    expect(asked.trails).toEqual([]);
    const { state, counted } = cardWith(r1c);
    expect(tally).toEqual({ state, counted });
  });

  it("takes out a record handed to another head or moved to another year, and counts one handed to the head", async () => {
    const [mine, theirs] = [visitOf('r3', 1), visitOf('r3', 2, { ministerId: 'm-b' })];
    const [dated, lastYear] = [visitOf('r4', 1), visitOf('r4', 2, { date: '2025-12-31' })];
    const [other, received] = [visitOf('r5', 1, { ministerId: 'm-b' }), visitOf('r5', 2)];
    const card = cardWith(mine, dated);
    const { cards } = reader([change(theirs, today(1), mine), change(lastYear, today(2), dated), change(received, today(3), other)], [mine, theirs, dated, lastYear, other, received]);
    const mover = await cardMover(cards, KIND_REGISTRY, [card], END);
    const { state, counted } = cardWith(received);
    expect(await mover.move(HEAD)).toEqual({ state, counted });
  });

  it('reads the trail of a record whose versions received are not one run (a writer clock ahead)', async () => {
    const [v1, v2, v3, v4] = [1, 2, 3, 4].map((version) => visitOf('r6', version, { participants: 10 * version }));
    const card = cardWith(v1);
    // Version 3 was received, by its writer's clock, after the span's end: the trail as of the end holds 4.
    const trail: ReceivedTrailEntry[] = [
      { kind: 'visit', recordId: 'r6', version: 1, at: '2026-01-05T01:00:00.000Z', after: v1 },
      { kind: 'visit', recordId: 'r6', version: 2, at: today(1), after: v2 },
      { kind: 'visit', recordId: 'r6', version: 3, at: '2026-01-06T17:00:00.000Z', after: v3 },
      { kind: 'visit', recordId: 'r6', version: 4, at: today(5), after: v4 },
    ];
    const { cards, asked } = reader([change(v2, today(1), v1), change(v4, today(5), v3)], [v1, v2, v3, v4], { r6: trail });
    const mover = await cardMover(cards, KIND_REGISTRY, [card], END);
    const { state, counted } = cardWith(v4);
    expect(await mover.move(HEAD)).toEqual({ state, counted });
    expect(asked).toEqual({ versions: [], trails: ['r6'] });
  });
});
