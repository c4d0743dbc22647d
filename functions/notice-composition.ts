import { tableConfig } from './config.ts';
import { listDeps, recordDeps, tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { noticeRepository } from './repositories/notice-repository.ts';
import type { DailyNoticeDeps, NoticeDeps } from './use-cases/deps.ts';

let built: NoticeDeps | undefined;

/** The notices functions' dependencies, built on first use (see composition.ts); none of the records' repositories. */
export const noticeDeps = (): NoticeDeps => (built ??= { notices: noticeRepository(tableStore(tableConfig())), clock: systemClock });

let daily: DailyNoticeDeps | undefined;

/** The daily run's: the notices' store, and the work lists and heads it reads. */
export const dailyNoticeDeps = (): DailyNoticeDeps => (daily ??= { ...noticeDeps(), lists: listDeps().lists, ministers: recordDeps().ministers, branches: recordDeps().branches });
