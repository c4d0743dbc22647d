/**
 * The one DynamoDB table, declared once: CDK builds it from this, the local bootstrap creates it in
 * DynamoDB Local from this, and the key builders below are the only place item keys are spelled.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
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
  ] satisfies IndexDefinition[],
  /** Epoch seconds; reserved for items that should expire (none of the records ever do). */
  timeToLiveAttribute: 'expiresAt',
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
