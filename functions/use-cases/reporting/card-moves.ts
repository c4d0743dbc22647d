import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import type { KindRegistry } from '#schemas/kinds/registry.ts';
import { levelOn, type Minister } from '#schemas/minister.ts';
import type { MinisterLevels } from '#functions/rollup/figures.ts';
import { cardContribution, type CardTally, type HeadCard, latestIn, moveTally } from '#functions/rollup/card.ts';
import type { CardReader, VersionKey } from '#functions/ports/rollups.ts';
import type { ReceivedChange } from '#functions/ports/records.ts';
import { mapInFlight } from '../in-flight.ts';

/** A head's level on a day, from their terms (a visit counts under it). */
export const levelsOf = (minister: Minister): MinisterLevels => (_: string, date: string) => levelOn(minister.terms, date);

/**
 * How a record moved over a card's span: its version at the card's instant (0: it had none) and at
 * the span's end. A record's versions are received in order (each write is conditional on the
 * version before it), so those received in the span are one run after the version it had then; when
 * they are not (a writer's clock behind the one before), its own trail items decide (`unordered`).
 */
type RecordMove = { kind: Kind; recordId: string } & ({ then: number; now: number } | { unordered: true });

const recordKey = (kind: string, id: string) => `${kind}#${id}`;
const versionKey = ({ kind, recordId, version }: VersionKey) => `${kind}#${recordId}#${version}`;

function moveOf(kind: Kind, recordId: string, received: readonly ReceivedChange[]): RecordMove {
  const versions = [...new Set(received.map((change) => change.version))].sort((a, b) => a - b);
  const [first, last] = [versions[0], versions[versions.length - 1]];
  return last - first === versions.length - 1 ? { kind, recordId, then: first - 1, now: last } : { kind, recordId, unordered: true };
}

/**
 * The moves of the cards given from their instants to `end`, and the versions those moves need, read
 * at once.
 * 1. Read the changes received since the earliest card's instant (one query a day received), and
 *    group them by record, and by the heads whose records they changed (before or after).
 * 2. For each card, each record of its head's that changed since the card's instant: its version
 *    then and now, from the versions received in between.
 * 3. Read every version those moves name, from the change entries by key (a BatchGet of 100): no
 *    query per record.
 */
export async function cardMover(reader: CardReader, kinds: KindRegistry, cards: readonly HeadCard[], end: string) {
  // 1.
  let from: string | undefined;
  for (const card of cards) if (card.asOf < end && (from === undefined || card.asOf < from)) from = card.asOf;
  const byRecord = new Map<string, { kind: Kind; changes: ReceivedChange[] }>();
  const byHead = new Map<string, Set<string>>();
  for (const change of from === undefined ? [] : await reader.changesReceived(from, end)) {
    const kind = kinds.named(change.kind);
    if (!kind) continue;
    const key = recordKey(change.kind, change.recordId);
    const record = byRecord.get(key);
    if (record) record.changes.push(change);
    else byRecord.set(key, { kind, changes: [change] });
    for (const id of change.ministerIds) {
      const records = byHead.get(id);
      if (records) records.add(key);
      else byHead.set(id, new Set([key]));
    }
  }
  // 2.
  const moves = new Map<string, { card: HeadCard; moves: RecordMove[] }>();
  for (const card of cards) {
    moves.set(card.ministerId, { card, moves: [...byHead.get(card.ministerId) ?? []].flatMap((key) => {
      const record = byRecord.get(key);
      const received = record?.changes.filter((change) => change.at >= card.asOf && change.at < end) ?? [];
      return record && received.length ? [moveOf(record.kind, received[0].recordId, received)] : [];
    }) });
  }
  // 3.
  const wanted = new Map<string, VersionKey>();
  for (const move of [...moves.values()].flatMap((card) => card.moves)) {
    if ('unordered' in move) continue;
    for (const version of [move.then, move.now]) {
      const key = { kind: move.kind.name, recordId: move.recordId, version };
      if (version > 0) wanted.set(versionKey(key), key);
    }
  }
  const versions = new Map<string, FormRecord>();
  for (const version of await reader.versions([...wanted.values()])) versions.set(versionKey(version), version.after);

  /** A record's version then and now on the card, or undefined when a version is not to be had by key. */
  const byKey = (move: RecordMove): [FormRecord | undefined, FormRecord | undefined] | undefined => {
    if ('unordered' in move) return undefined;
    const then = move.then > 0 ? versions.get(versionKey({ kind: move.kind.name, recordId: move.recordId, version: move.then })) : undefined;
    const now = versions.get(versionKey({ kind: move.kind.name, recordId: move.recordId, version: move.now }));
    return (move.then > 0 && !then) || !now ? undefined : [then, now];
  };

  /** The record's version then and now in the head's trail of the card's year, from its own trail items. */
  const byTrail = async (move: RecordMove, card: HeadCard): Promise<[FormRecord | undefined, FormRecord | undefined]> => {
    const entries = await reader.recordTrail(move.kind.name, move.recordId, card.ministerId, card.year);
    return [latestIn(entries.filter((e) => e.at < card.asOf)), latestIn(entries.filter((e) => e.at < end))];
  };

  return {
    /**
     * The head's card (one of those given) moved to `end`: what each record it names contributed
     * then goes out, what it contributes now comes in (a version counts on the card only while it is
     * the head's).
     */
    async move(minister: Minister): Promise<CardTally> {
      const moving = moves.get(minister.id);
      if (!moving) throw new Error(`no card of ${minister.id} to move`);
      const { card, moves: cardMoves } = moving;
      const tally: CardTally = { state: structuredClone(card.state), counted: { ...card.counted } };
      const levels = levelsOf(minister);
      const onCard = (kind: Kind, version: FormRecord | undefined) =>
        (version?.ministerId === minister.id ? cardContribution(kind, version, card.year, levels) : undefined);
      const read = await mapInFlight(cardMoves, CONCURRENT_TRAILS, async (move) => byKey(move) ?? (await byTrail(move, card)));
      cardMoves.forEach((move, i) => moveTally(tally, move.kind.name, onCard(move.kind, read[i][0]), onCard(move.kind, read[i][1])));
      return tally;
    },
  };
}

/** At most this many records' trails are read at once (only for records whose versions came out of order). */
const CONCURRENT_TRAILS = 8;

export type CardMover = Awaited<ReturnType<typeof cardMover>>;
