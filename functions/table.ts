/**
 * The one DynamoDB table, declared once: CDK builds it from this, the local bootstrap creates it in
 * DynamoDB Local from this, and the key builders below are the only place item keys are spelled.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** What the index holds beside the keys: whole items (ALL, the default) or the keys alone (KEYS_ONLY). */
  projection?: 'ALL' | 'KEYS_ONLY';
}

export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    /** Records of a kind by region then date: sk = `<countyCode>#<date>#<id>`, so any region level is one begins_with. */
    { name: 'byRegion', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Records of a kind by minister then date. */
    { name: 'byMinister', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Change entries by the Beijing day they were received: what the nightly rollup reads. */
    { name: 'byDay', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /*
     * Sparse: an item is in these only while its record is in the state they list (the attributes are
     * left out of the record's item otherwise), so a list or count reads what it shows and no history.
     * Partition `<list>#<province>`, sort `<region code>#<…>#<id>`: a prefecture or county is one
     * begins_with, and no partition holds a list for the whole country. Keys only: a page's records
     * are read by key (state-lists.ts); counts come from counters the writes keep (work-counters.ts).
     */
    /** Records awaiting review (待审核), by kind: `review#<kind>#<province>` → `<region>#<date>#<id>`. */
    { name: 'awaitingReview', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
    /**
     * Problems and suggestions by where they stand (a record is in one list at most): problems not
     * rectified (`problems#<province>` → `<region>#<deadline>#<id>`), rectified ones (`rectified#…` →
     * `<region>#<rectified on>#<id>`), and visits with pending suggestions (`suggestions#<province>` →
     * `<region>#<date>#<id>#<how many pending>`).
     */
    { name: 'openWork', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'KEYS_ONLY' },
    /** Suspected duplicates not yet decided (疑似重复): `duplicates#<kind>#<province>` → `<region>#<date>#<id>`. */
    { name: 'suspectedDuplicates', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'KEYS_ONLY' },
  ] satisfies IndexDefinition[],
  /** Epoch seconds; items that expire (notices, 180 days; none of the records ever do). */
  timeToLiveAttribute: 'expiresAt',
  /**
   * The table's stream: new images only, enough for the decision notices, which read change entries
   * (each holds the record before and after); a change entry is never modified after it is written.
   */
  stream: 'NEW_IMAGE',
} as const;

export type IndexName = (typeof TABLE_DEFINITION.indexes)[number]['name'];

/** Every key attribute (table and indexes); all are strings. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_DEFINITION.partitionKey,
  TABLE_DEFINITION.sortKey,
  ...TABLE_DEFINITION.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];

/** The attributes that place an item in an index. */
export function indexKey(name: IndexName, partition: string, sort: string): Record<string, string> {
  const index = TABLE_DEFINITION.indexes.find((i) => i.name === name)!;
  return { [index.partitionKey]: partition, [index.sortKey]: sort };
}
