import type { Form, FormRecord, RecordListQuery } from '#schemas/form.ts';
import type { AppError } from '#functions/domain/errors.ts';
import type { ListFilter, WritePart } from '#functions/adapters/record-store.ts';
import type { RecordDeps } from '#functions/use-cases/deps.ts';

/** A part of a write, and what it means when its condition fails. */
export interface PlannedPart extends WritePart {
  /** The caller's error, or `retry`: the state it relied on moved, so plan the write again. */
  onFailed(): AppError | 'retry';
}

/** What a kind adds to one write of its records. */
export interface WritePlan<T> {
  /** The record to store, possibly amended (e.g. flagged as a suspected duplicate). */
  record: T;
  parts: PlannedPart[];
}

export interface WriteContext {
  deps: RecordDeps;
  /** The stored version being replaced; absent for a new record. */
  previous?: FormRecord;
  now: string;
  by: string;
  requestId: string;
}

/**
 * The behaviour half of one kind of the catalogue (the schema half is its form). Everything is
 * optional: a kind that only stores and lists records needs nothing beyond its form.
 */
export interface CatalogueEntry<T extends FormRecord = FormRecord> {
  form: Form;
  /** A submitted record as stored, where the two differ (an inspection's findings gain `problemIds`). */
  fromInput?(input: Record<string, unknown>): Record<string, unknown>;
  /** Parts a write needs beyond the record, its change entry and its minister's existence. */
  plan?(next: T, context: WriteContext): Promise<WritePlan<T>>;
  /** Merge a correction into the stored record (default: the patch's fields replace the stored ones). */
  merge?(current: T, patch: Record<string, unknown>): T;
  /** The kind's own list filters, from its query parameters. */
  listFilters?(query: RecordListQuery, today: string): ListFilter[];
  /** Fields computed when a record is read (e.g. `overdue`). */
  present?(record: T, today: string): T;
}
