import type { App } from 'aws-cdk-lib';
import { TABLE_DEFINITION } from '#functions/table.ts';

/** A whole-number context value (`-c key=3` arrives as a string, cdk.json's as a number). */
export function numberContext(app: App, key: string): number | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'number' ? value : undefined;
}

export function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  throw new Error(`context ${key} must be a string`);
}

export function listContext(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  throw new Error(`context ${key} must be a list of strings or a comma-separated string`);
}

/** `tableIndexes`: a whole number from 1 to the number of declared indexes, or unset. */
export function indexCountContext(app: App): number | undefined {
  const value = numberContext(app, 'tableIndexes') ?? stringContext(app, 'tableIndexes');
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > TABLE_DEFINITION.indexes.length) {
    throw new Error(`context tableIndexes must be a whole number from 1 to ${TABLE_DEFINITION.indexes.length}`);
  }
  return count;
}
