import type { FormRecord } from '#schemas/form.ts';
import { kindNamed } from '#schemas/kinds/index.ts';
import { decisionNotices } from '#functions/domain/decision-notices.ts';
import type { ChangeEntry } from '#functions/ports/records.ts';
import type { NoticeDeps } from '../deps.ts';

/**
 * Decision notices, from the change trail (on AWS the table's stream, locally DynamoDB Local's),
 * never from the request that decided:
 * 1. each change of a record of a known kind is read for the rules it meets (decision-notices.ts);
 * 2. the notices are stored, each once: a redelivered batch derives the same ids and adds nothing.
 * Answers the ids stored now.
 */
export async function notifyDecisions(deps: NoticeDeps, changes: readonly (ChangeEntry<FormRecord> & { kind: string })[]): Promise<string[]> {
  const createdAt = deps.clock.now().toISOString();
  const notices = changes.flatMap((change) => {
    const kind = kindNamed(change.kind);
    return kind ? decisionNotices(kind, change, createdAt) : [];
  });
  return notices.length ? deps.notices.deliver(notices) : [];
}
