import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { rollupRepository } from './repositories/rollup-repository.ts';
import { monthConfirmations } from './repositories/month-confirmations.ts';
import type { BulletinDeps } from './use-cases/reporting/bulletin.ts';

/** The 通报 reads the rollup's snapshots and states and the months' confirmations (read only). */
let bulletins: BulletinDeps | undefined;
export const bulletinDeps = (): BulletinDeps => {
  if (bulletins) return bulletins;
  const store = tableStore(tableConfig());
  return (bulletins = { rollups: rollupRepository(store), months: monthConfirmations(store), clock: systemClock });
};
