import type { Minister } from '#schemas/minister.ts';
import type { MinisterRepository } from '#functions/ports/records.ts';

/** Every head of a region (the province: every head), page after page. */
export async function headsOf(deps: { ministers: Pick<MinisterRepository, 'list'> }, region: string): Promise<Minister[]> {
  const heads: Minister[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.ministers.list({ region, limit: 500, cursor });
    heads.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return heads;
}
