import { TABLE_DEFINITION } from '#functions/table.ts';

const { partitionKey: PK, sortKey: SK } = TABLE_DEFINITION;

/**
 * A region's month (月度报送): `month#<regionCode>` / `<YYYY-MM>`, item kind `month` (month.ts), with its
 * state, version and trail. One partition per region, so the months of a region in a range are one
 * query and the lock a write checks is one key. A month nobody acted on has no item: it is open.
 * The keys apart from the item's shape: a record's write names the key of the month it must find
 * open, and carries none of the months' schemas.
 */
export const monthPartition = (regionCode: string) => `month#${regionCode}`;
export const monthKey = (regionCode: string, month: string) => ({ [PK]: monthPartition(regionCode), [SK]: month });
