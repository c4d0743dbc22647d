import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { FormRecord } from '#schemas/form.ts';
import { CHANGE_SK_PREFIX, readChange, type StoredChange } from '#functions/items/change.ts';
import { MONTH_STEP_KIND, readMonthStep } from '#functions/items/month.ts';
import type { MonthStepEntry } from '#functions/ports/months.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';

const { sortKey: SK } = TABLE_DEFINITION;

/**
 * One record of the table's stream, as Lambda hands it (DynamoDBStreamEvent) and as GetRecords
 * answers it (DynamoDB Local's stream, polled by `npm start`): both carry the same `dynamodb` part.
 */
export interface TableStreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; Keys?: Record<string, unknown> };
}

/**
 * The change entries a batch of stream records adds to records' trails: new items (INSERT) whose
 * sort key is a change's, read as their declaration says. Every other item (a record, a counter, a
 * notice) is passed over: nothing that is not a change can make a decision notice.
 */
export function changesOf(records: readonly TableStreamRecord[]): StoredChange<FormRecord>[] {
  return insertedEntries(records).flatMap((item) => (item.kind === MONTH_STEP_KIND ? [] : [readChange<FormRecord>(item)]));
}

/** The steps of the monthly close a batch adds (items/month.ts: they share the change entries' sort key prefix, and so the stream's filter). */
export function monthStepsOf(records: readonly TableStreamRecord[]): MonthStepEntry[] {
  return insertedEntries(records).flatMap((item) => (item.kind === MONTH_STEP_KIND ? [readMonthStep(item)] : []));
}

/** New items (INSERT) whose sort key is a change's. */
function insertedEntries(records: readonly TableStreamRecord[]): Record<string, unknown>[] {
  return records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    return typeof item[SK] === 'string' && item[SK].startsWith(CHANGE_SK_PREFIX) ? [item] : [];
  });
}
