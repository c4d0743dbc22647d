import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import { monthConfirmations } from './repositories/month-confirmations.ts';
import { ministerRepository } from './repositories/minister-repository.ts';
import { cardReader } from './repositories/card-repository.ts';
import type { BulletinDeps } from './use-cases/reporting/bulletin.ts';

/** The 通报 reads the rollup's snapshots and states, the months' confirmations, the heads and their cards (read only). */
let bulletins: BulletinDeps | undefined;
export const bulletinDeps = (): BulletinDeps => {
  if (bulletins) return bulletins;
  const store = tableStore(tableConfig());
  return (bulletins = { rollups: rollupRepository(store), months: monthConfirmations(store), ministers: ministerRepository(store), cards: cardReader(store), clock: systemClock });
};
