import { BatchGetCommand, type BatchGetCommandOutput, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import type { Kind } from '#schemas/kind.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { type IndexName, TABLE_DEFINITION } from '#functions/table.ts';
import type { StoreDeps } from '#functions/adapters/record-store.ts';
import { isTransient } from '#functions/adapters/dynamodb-errors.ts';
import type { RawItem } from '#functions/items/item.ts';
import { readRecord } from '#functions/items/record.ts';
import { recordRepository } from '#functions/repositories/record-repository.ts';
import { stateKeys } from '#functions/repositories/state-lists.ts';
import { counterKey, SHARDS, tallyOf } from '#functions/repositories/work-counters.ts';

/**
 * The backfill of the work lists (issue 22) for a table written before them: every record item gets
 * the sparse list keys its state gives it today (state-lists.ts), and each region's counters
 * (work-counters.ts) are made to hold what its records add up to.
 *
 * Why the counters are corrected by a difference, and when: from the moment every function runs
 * the new code, each write moves the counters by exactly what it changes, so a region's error
 * (what its counters hold less what its records add up to) stays what it was when the deploy ended.
 * Adding the opposite of that error, once, is exact whatever the writes do afterwards, and needs no
 * change to the writes (a new generation of counters would need them to write both). The error
 * must be measured at one instant, which a scan is not: the records are scanned, the counters read,
 * the records scanned again (consistent reads throughout), and a region is measured only if none
 * of its records changed between its two scans (versions compared; a record that did is looked up
 * in its history, every region any of its versions was in is left for the next round, the second
 * scan then being that round's first). Its records then stood as scanned while the counters were
 * read. The one ADD per region is conditional on the shard it goes to still holding what was read,
 * so two runs at once cannot both apply it. The keys come first, so that the lists are whole by
 * the time their counts are.
 */

/** The sparse indexes of the work lists: a record carries their keys only while it is in the list. */
const LIST_INDEXES: readonly IndexName[] = ['awaitingReview', 'openWork', 'suspectedDuplicates'];
export const LIST_ATTRIBUTES: readonly string[] = TABLE_DEFINITION.indexes
  .filter((index) => LIST_INDEXES.includes(index.name))
  .flatMap((index) => [index.partitionKey, index.sortKey]);

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;
const COUNTER_PREFIX = counterKey('', 0).pk;
/** DynamoDB's limit of keys in one BatchGetItem. */
const BATCH_GET_KEYS = 100;
/** Key updates in flight at once per scan segment. */
const UPDATES_IN_FLIGHT = 25;

type Sums = Map<string, number>;

/** Tries a call again while the table is busy (after the SDK's own retries): a long run should not stop at one throttle. */
async function persistent<T>(operation: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5_000)));
    }
  }
}

export interface CounterDifference {
  region: string;
  attribute: string;
  /** What the region's records add up to. */
  counted: number;
  /** What its counters held (summed over the shards). */
  held: number;
}

export interface WorkListsOutcome {
  /** Record items read by the keys' pass. */
  records: number;
  /** Records whose list keys were set (with `check`: found not as their state gives them). */
  keysSet: number;
  /** Records written meanwhile, whose own write set their keys (left alone). */
  writtenMeanwhile: number;
  /** Every counter found off, by region (corrected unless `check`). */
  differences: CounterDifference[];
  /** Regions written to in every round: not measured, to be run again when quieter. */
  unsettled: string[];
  rounds: number;
}

export interface WorkListsOptions {
  /** Recount and report, changing nothing. */
  check?: boolean;
  /** Parallel scan segments. */
  segments?: number;
  /** Rounds of measurement before regions still written to are given up. */
  rounds?: number;
  onProgress?: (message: string) => void;
}

/** A record item of a catalogue kind, read as its declaration says; anything else is not for the lists. */
function recordOf(item: RawItem): { kind: Kind; record: FormRecord } | undefined {
  if (item[SK] !== 'record') return undefined;
  const kind = kindNamed(String(item.kind));
  if (!kind || kind.name !== item.kind) return undefined;
  return { kind, record: readRecord<FormRecord>(kind.name, item).record };
}

/** Every item of the table a pass needs (records and counters), page by page, in parallel segments. */
async function scan(deps: StoreDeps, segments: number, onPage: (items: RawItem[]) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: segments }, async (_, segment) => {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await persistent(() => deps.client.send(new ScanCommand({
        TableName: deps.tableName,
        Segment: segment,
        TotalSegments: segments,
        // A measurement needs each item as it stands, not a moment ago (see above).
        ConsistentRead: true,
        FilterExpression: '#sk = :record OR begins_with(#pk, :counter)',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: { ':record': 'record', ':counter': COUNTER_PREFIX },
        ExclusiveStartKey: start,
      })));
      await onPage(res.Items ?? []);
      start = res.LastEvaluatedKey;
    } while (start);
  }));
}

/** What a scan saw: each record's version, and each region's tally (records as scanned). */
interface Census {
  versions: Map<string, number>;
  tallies: Map<string, Sums>;
  /** Regions with counters or records. */
  regions: Set<string>;
  /** Records whose version differs from the previous census's. */
  changed: { kind: Kind; record: FormRecord; since: number }[];
}

function newCensus(): Census {
  return { versions: new Map(), tallies: new Map(), regions: new Set(), changed: [] };
}

function note(census: Census, previous: Census | undefined, kind: Kind, record: FormRecord) {
  const pk = `${kind.name}#${record.id}`;
  census.versions.set(pk, record.version);
  const region = kind.regionOf(record);
  census.regions.add(region);
  const sums = census.tallies.get(region) ?? new Map<string, number>();
  for (const [attribute, n] of tallyOf(kind, record)) sums.set(attribute, (sums.get(attribute) ?? 0) + n);
  census.tallies.set(region, sums);
  const since = previous?.versions.get(pk) ?? 0;
  if (previous && since !== record.version) census.changed.push({ kind, record, since });
}

function noteCounter(census: Census, item: RawItem) {
  census.regions.add(String(item[PK]).slice(COUNTER_PREFIX.length));
}

/** The keys a record should carry that it does not, and those it carries that it should not. */
function keyChanges(item: RawItem, want: Record<string, string>): { set: Record<string, string>; remove: string[] } {
  const set = Object.fromEntries(Object.entries(want).filter(([attribute, value]) => item[attribute] !== value));
  const remove = LIST_ATTRIBUTES.filter((attribute) => item[attribute] !== undefined && want[attribute] === undefined);
  return { set, remove };
}

/** One record's keys, as of its version read: false when it has been written since (its write set them). */
async function setKeys(deps: StoreDeps, item: RawItem, change: { set: Record<string, string>; remove: string[] }): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':version': item.version };
  const sets = Object.entries(change.set).map(([attribute, value], i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = change.remove.map((attribute, i) => {
    names[`#r${i}`] = attribute;
    return `#r${i}`;
  });
  try {
    await persistent(() => deps.client.send(new UpdateCommand({
      TableName: deps.tableName,
      Key: { [PK]: item[PK], [SK]: item[SK] },
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
      ConditionExpression: 'version = :version',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    })));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The counters of these regions as they stand: sums over the shards, and shard 0 apart (where a correction goes). */
async function readCounters(deps: StoreDeps, regions: readonly string[]): Promise<{ sums: Map<string, Sums>; first: Map<string, Sums> }> {
  const keys = regions.flatMap((region) => Array.from({ length: SHARDS }, (_, shard) => counterKey(region, shard)));
  const sums = new Map<string, Sums>();
  const first = new Map<string, Sums>();
  for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) {
    let wanted: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_KEYS);
    for (let attempt = 0; wanted?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6)));
      const asked: Record<string, unknown>[] = wanted;
      const res: BatchGetCommandOutput = await persistent(() => deps.client.send(new BatchGetCommand({
        RequestItems: { [deps.tableName]: { Keys: asked, ConsistentRead: true } },
      })));
      for (const item of res.Responses?.[deps.tableName] ?? []) {
        const region = String(item[PK]).slice(COUNTER_PREFIX.length);
        const sum = sums.get(region) ?? new Map<string, number>();
        const own = new Map<string, number>();
        for (const [attribute, n] of Object.entries(item)) {
          if (typeof n !== 'number') continue;
          sum.set(attribute, (sum.get(attribute) ?? 0) + n);
          own.set(attribute, n);
        }
        sums.set(region, sum);
        if (item[SK] === counterKey(region, 0).sk) first.set(region, own);
      }
      wanted = res.UnprocessedKeys?.[deps.tableName]?.Keys;
    }
  }
  return { sums, first };
}

function differencesOf(region: string, counted: Sums | undefined, held: Sums | undefined): CounterDifference[] {
  const attributes = new Set([...(counted?.keys() ?? []), ...(held?.keys() ?? [])]);
  return [...attributes].sort().flatMap((attribute) => {
    const c = counted?.get(attribute) ?? 0;
    const h = held?.get(attribute) ?? 0;
    return c === h ? [] : [{ region, attribute, counted: c, held: h }];
  });
}

/** Adds what a region's counters lack to its shard 0, if that shard still holds what was read (not so after another run, a live write there, or a retry of an ADD that landed); false if not. */
async function correct(deps: StoreDeps, region: string, differences: readonly CounterDifference[], first: Sums | undefined): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  const unchanged: string[] = [];
  differences.forEach(({ attribute, counted, held }, i) => {
    names[`#a${i}`] = attribute;
    values[`:d${i}`] = counted - held;
    adds.push(`#a${i} :d${i}`);
    const was = first?.get(attribute);
    if (was === undefined) unchanged.push(`attribute_not_exists(#a${i})`);
    else {
      values[`:w${i}`] = was;
      unchanged.push(`#a${i} = :w${i}`);
    }
  });
  try {
    await persistent(() => deps.client.send(new UpdateCommand({
      TableName: deps.tableName,
      Key: counterKey(region, 0),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ConditionExpression: unchanged.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    })));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Every region a changed record was in, in any version since the previous census (its history says). */
async function touchedRegions(deps: StoreDeps, changed: Census['changed']): Promise<Set<string>> {
  const records = recordRepository(deps);
  const regions = new Set<string>();
  for (const { kind, record, since } of changed) {
    regions.add(kind.regionOf(record));
    for (const entry of await records.history(kind, record.id)) {
      if (entry.version <= since) continue;
      if (entry.before) regions.add(kind.regionOf(entry.before));
      regions.add(kind.regionOf(entry.after));
    }
  }
  return regions;
}

/**
 * Sets each record's list keys, then makes each region's counters what its records add up to (or,
 * with `check`, only says where either is off). Idempotent: a second run finds nothing to change.
 */
export async function backfillWorkLists(deps: StoreDeps, options: WorkListsOptions = {}): Promise<WorkListsOutcome> {
  const { check = false, segments = 4, rounds = 5, onProgress = () => {} } = options;
  const outcome: WorkListsOutcome = { records: 0, keysSet: 0, writtenMeanwhile: 0, differences: [], unsettled: [], rounds: 0 };

  // 1. The keys, record by record (conditional on its version); this pass is the first census.
  let previous = newCensus();
  await scan(deps, segments, async (items) => {
    const pending: (() => Promise<void>)[] = [];
    for (const item of items) {
      const found = recordOf(item);
      if (!found) {
        if (String(item[PK]).startsWith(COUNTER_PREFIX)) noteCounter(previous, item);
        continue;
      }
      outcome.records++;
      note(previous, undefined, found.kind, found.record);
      const change = keyChanges(item, stateKeys(found.kind, found.record));
      if (!Object.keys(change.set).length && !change.remove.length) continue;
      if (check) outcome.keysSet++;
      else {
        pending.push(async () => {
          if (await setKeys(deps, item, change)) outcome.keysSet++;
          else outcome.writtenMeanwhile++;
        });
      }
    }
    for (let i = 0; i < pending.length; i += UPDATES_IN_FLIGHT) await Promise.all(pending.slice(i, i + UPDATES_IN_FLIGHT).map((run) => run()));
    if (outcome.records % 10_000 < items.length) onProgress(`${outcome.records} records read, ${outcome.keysSet} keys ${check ? 'off' : 'set'}`);
  });

  // 2. The counters, measured between two censuses, region by region until each is measured.
  const done = new Set<string>();
  for (let round = 1; round <= rounds; round++) {
    outcome.rounds = round;
    const asked = [...new Set([...previous.regions, ...outcome.unsettled])].filter((region) => !done.has(region));
    const counters = await readCounters(deps, asked);
    const census = newCensus();
    await scan(deps, segments, async (items) => {
      for (const item of items) {
        const found = recordOf(item);
        if (found) note(census, previous, found.kind, found.record);
        else if (String(item[PK]).startsWith(COUNTER_PREFIX)) noteCounter(census, item);
      }
    });
    const touched = await touchedRegions(deps, census.changed);
    // A record gone between the scans (none ever is) leaves no trace of where it was: measure nothing this round.
    const lost = [...previous.versions.keys()].some((pk) => !census.versions.has(pk));
    for (const region of asked) {
      if (lost || touched.has(region)) continue;
      const differences = differencesOf(region, census.tallies.get(region), counters.sums.get(region));
      if (differences.length && !check && !(await correct(deps, region, differences, counters.first.get(region)))) continue;
      outcome.differences.push(...differences);
      done.add(region);
    }
    const left = [...new Set([...census.regions, ...asked])].filter((region) => !done.has(region));
    onProgress(`round ${round}: ${done.size} regions measured, ${left.length} written to meanwhile`);
    previous = census;
    outcome.unsettled = left.sort();
    if (!left.length) break;
  }
  outcome.differences.sort((a, b) => a.region.localeCompare(b.region) || a.attribute.localeCompare(b.attribute));
  return outcome;
}
