import { type Minister, nextTerms, termsOf } from '#schemas/minister.ts';
import type { MinisterInput } from '#schemas/minister-input.ts';
import { beijingDate } from '#schemas/time.ts';
import { PreconditionFailedError, ValidationError } from '#schemas/errors.ts';
import { regionContains } from '#schemas/regions.ts';
import { fingerprint } from '#functions/domain/fingerprint.ts';
import type { Actor, MinisterDeps } from '../deps.ts';

/**
 * Create or replace a minister (PUT is idempotent by nature).
 * 1. Load the current minister; an If-Match, when given, must name its version (412 otherwise);
 *    each contact branch must be an active registered branch of the head's region (422 naming it).
 * 2. None yet: store version 1 (created). Same content: answer it unchanged.
 * 3. Otherwise store the next version with a change entry, on condition nobody wrote in between; a
 *    change of level or region starts a new term today (Beijing time), so earlier visits keep
 *    counting under the level their head held on their date.
 */
export async function putMinister(
  deps: MinisterDeps, id: string, input: MinisterInput, expectedVersion: number | '*' | undefined, actor: Actor,
): Promise<{ minister: Minister; created: boolean }> {
  const stored = await deps.ministers.getWithFingerprint(id);
  const current = stored?.record;
  if (expectedVersion !== undefined && (!current || (expectedVersion !== '*' && expectedVersion !== current.version))) {
    throw new PreconditionFailedError();
  }
  await checkContactBranches(deps, input);
  const bodyFingerprint = fingerprint(input);
  if (current && stored?.fingerprint === bodyFingerprint) return { minister: current, created: false };

  const clock = deps.clock.now();
  const now = clock.toISOString();
  const today = beijingDate(clock);
  const change = { at: now, by: actor.by, requestId: actor.requestId };
  if (!current) {
    const minister: Minister = { id, ...input, terms: [{ from: today, level: input.level, regionCode: input.regionCode }], version: 1, createdAt: now, updatedAt: now };
    const outcome = await deps.ministers.create({ record: minister, fingerprint: bodyFingerprint, change: { ...change, version: 1, action: 'create', before: null, after: minister } });
    if (!outcome.ok) throw new PreconditionFailedError();
    return { minister, created: true };
  }
  const minister: Minister = { ...current, ...input, terms: nextTerms(termsOf(current), input, today), version: current.version + 1, updatedAt: now };
  const outcome = await deps.ministers.replace({
    record: minister, expectedVersion: current.version, fingerprint: bodyFingerprint,
    change: { ...change, version: minister.version, action: 'replace', before: current, after: minister },
  });
  if (!outcome.ok) throw new PreconditionFailedError();
  return { minister, created: false };
}

/** Every contact branch an active registered branch within the head's region, or a 422 naming each that is not. */
async function checkContactBranches(deps: MinisterDeps, input: MinisterInput): Promise<void> {
  const entries = await Promise.all(input.contactBranches.map((id) => deps.branches.get(id)));
  const wrong = entries.flatMap((entry, i) => (entry && entry.status === 'active' && regionContains(input.regionCode, entry.countyCode)
    ? []
    : [{ path: `contactBranches.${i}`, issue: { code: 'custom' as const, params: { key: 'minister.contactOutside' } } }]));
  if (wrong.length) throw new ValidationError(undefined, wrong);
}
