import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { HeldKey } from '#schemas/kind.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import { parseItem, type RawItem } from './item.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/** Each space of held items: its item kind, sort key, and the attribute naming its holder. */
const SPACES = {
  suggestion: { kind: 'suggestion-pointer', sk: 'pointer', holder: 'visitId' },
  'visit-slot': { kind: 'visit-slot', sk: 'slot', holder: 'visitId' },
  'branch-code': { kind: 'branch-code', sk: 'code', holder: 'branchId' },
  'branch-name': { kind: 'branch-name', sk: 'name', holder: 'branchId' },
  'attachment-holder': { kind: 'attachment-holder', sk: 'heldby', holder: 'recordId' },
} as const satisfies Record<HeldKey['space'], { kind: string; sk: string; holder: string }>;

/** The key of the item saying that record `record` of `kind` holds attachment `attachment`. */
export const attachmentHolderKey = (attachment: string, kind: string, record: string): Record<string, string> =>
  ({ [PK]: `attachment#${attachment}`, [SK]: `${SPACES['attachment-holder'].sk}#${kind}#${record}` });

/** The sort key prefix of the records holding an attachment, beside the attachment's own item. */
export const ATTACHMENT_HOLDER_PREFIX = `${SPACES['attachment-holder'].sk}#`;

/**
 * The table key of a held item:
 * - `suggestion#<id>` / `pointer`: which visit holds a suggestion id (`PATCH /suggestions/{id}` finds it);
 * - `visit-slot#<head>#<date>#<hash of county and branch name>` / `slot`: the first visit of a head
 *   to a branch on a day (hashed, so the key stays short whatever the name);
 * - `branch-code#<code>` / `code` and `branch-name#<hash of county and name>` / `name`: the branch of
 *   the registry holding a code, a county-and-name;
 * - `attachment#<id>` / `heldby#<kind>#<record id>`: a record holding an attachment (beside the
 *   attachment's own item, so one query lists who holds it).
 */
export function heldKey(key: HeldKey): Record<string, string> {
  const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
  const sk = SPACES[key.space].sk;
  switch (key.space) {
    case 'suggestion': return { [PK]: `suggestion#${key.id}`, [SK]: sk };
    case 'visit-slot': return { [PK]: `visit-slot#${key.ministerId}#${key.date}#${hash(key.branch)}`, [SK]: sk };
    case 'branch-code': return { [PK]: `branch-code#${key.code}`, [SK]: sk };
    case 'branch-name': return { [PK]: `branch-name#${hash(key.identity)}`, [SK]: sk };
    case 'attachment-holder': return attachmentHolderKey(key.attachment, key.kind, key.record);
  }
}

/** The attribute naming a held item's holder (what a condition on it compares). */
export const holderAttribute = (space: HeldKey['space']): string => SPACES[space].holder;

export const heldItem = (key: HeldKey, holder: string): RawItem => ({ ...heldKey(key), kind: SPACES[key.space].kind, [SPACES[key.space].holder]: holder });

const holderSchemas = new Map<string, z.ZodMiniType<Record<string, string>>>();
const holderSchemaOf = (attribute: string) => {
  let schema = holderSchemas.get(attribute);
  if (!schema) holderSchemas.set(attribute, schema = z.object({ [attribute]: z.string() }));
  return schema;
};

/** Who holds a held item. */
export function readHolder(space: HeldKey['space'], raw: RawItem): string {
  const attribute = SPACES[space].holder;
  return parseItem(SPACES[space].kind, holderSchemaOf(attribute), raw)[attribute];
}

/** A record holding an attachment, read from its holder item's sort key (`heldby#<kind>#<record id>`). */
export function readAttachmentHolder(raw: RawItem): { kind: string; recordId: string } {
  const { [SK]: sk } = parseItem('attachment-holder', holderSchemaOf(SK), raw);
  const [kind, ...rest] = sk.slice(ATTACHMENT_HOLDER_PREFIX.length).split('#');
  return { kind, recordId: rest.join('#') };
}
