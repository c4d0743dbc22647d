import { ROLES } from '#schemas/access.ts';
import { findRegion } from '#schemas/regions.ts';
import type { Caller } from '#functions/auth/caller.ts';
import type { RecordDeps } from '../deps.ts';

/**
 * What the change trail calls whoever writes (a person is known by name, never by account id),
 * fixed at write time so that the trail reads the same after the account is moved or closed:
 * 1. the token's own `name` claim, when the account has one;
 * 2. else, for someone who reports for a head (the head or their staff), the head's name;
 * 3. else the account's role and region in words (玛沁县工作人员, 管理员).
 * The system itself (the seed, the CLI) names no one.
 */
export async function actorName(deps: Pick<RecordDeps, 'ministers'>, caller: Caller | undefined): Promise<string | undefined> {
  if (!caller) return undefined;
  if (caller.name) return caller.name;
  const head = caller.ministerId ? await deps.ministers.nameOf(caller.ministerId) : undefined;
  if (head !== undefined) return `${head}（${ROLES.submitter}）`;
  return caller.role === 'admin' ? ROLES.admin : `${findRegion(caller.region)?.name ?? ''}${ROLES[caller.role]}`;
}
