import { tableConfig } from './config.ts';
import { listDeps, recordDeps, tableStore } from './composition.ts';
import { systemClock } from './system-clock.ts';
import { noticeRepository } from './repositories/notice-repository.ts';
import { robotDeliveryDeps } from './robot-composition.ts';
import type { DailyNoticeDeps, NoticeDeps, RobotDeliveryDeps } from './use-cases/deps.ts';

let built: NoticeDeps | undefined;

/** The notices functions' dependencies, built on first use (see composition.ts); none of the records' repositories. */
export const noticeDeps = (): NoticeDeps => (built ??= { notices: noticeRepository(tableStore(tableConfig())), clock: systemClock });

let daily: DailyNoticeDeps | undefined;

/** The daily run's: the notices' store, and the work lists and heads it reads. */
export const dailyNoticeDeps = (): DailyNoticeDeps => (daily ??= {
  ...noticeDeps(), lists: listDeps().lists, ministers: recordDeps().ministers, branches: recordDeps().branches, robotDelivery: robotDeliveryDeps(),
});

/** The decision notices' function: the notices' store, and the group robots it posts the new ones to. */
export const decisionNoticeDeps = (): NoticeDeps & { robotDelivery: RobotDeliveryDeps } => ({ ...noticeDeps(), robotDelivery: robotDeliveryDeps() });
