import { tableConfig } from './config.ts';
import { tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { noticeRepository } from './repositories/notice-repository.ts';
import type { NoticeDeps } from './use-cases/deps.ts';

let built: NoticeDeps | undefined;

/** The notices functions' dependencies, built on first use (see composition.ts); none of the records' repositories. */
export const noticeDeps = (): NoticeDeps => (built ??= { notices: noticeRepository(tableStore(tableConfig())), clock: systemClock });
