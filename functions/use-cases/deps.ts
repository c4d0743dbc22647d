import type { Caller } from '#functions/auth/caller.ts';
import type { BranchRepository, MinisterRepository, RecordLists, RecordRepository, ResumeCodec } from '#functions/ports/records.ts';
import type { CardRepository, RollupRepository } from '#functions/ports/rollups.ts';
import type { NoticeRepository } from '#functions/ports/notices.ts';
import type { DeliveryLog, RobotBacklog, RobotBudget, RobotPoster, RobotRepository, RobotSecrets } from '#functions/ports/robots.ts';
import type { MonthStates, MonthRepository } from '#functions/ports/months.ts';
import type { AccountDirectory } from '#functions/ports/accounts.ts';
import type { AttachmentReader, AttachmentStore, EvidenceObjects, EvidenceUrls } from '#functions/ports/evidence.ts';

/**
 * What the use cases depend on, in one place: ports (functions/ports/), which the adapters and
 * repositories implement. The composition root (functions/composition.ts) builds
 * them from config for the deployed functions; tests, the seed and the CLIs build their own.
 */

/** Who acts and under which API request: recorded in every change entry. */
export interface Actor {
  by: string;
  requestId: string;
  /**
   * The signed-in caller whose rights bound what this may do. Absent only when the system itself
   * acts (the seed, the CLI, tests of the use cases): every signed-in route has one.
   */
  caller?: Caller;
}

export interface Clock {
  now(): Date;
}

export interface RecordDeps {
  /** The records of every kind, with what their writes hold (suggestion pointers, visit slots). */
  records: RecordRepository;
  /** The branch registry: a record naming a registered branch takes its name, type and county from it. */
  branches: BranchRepository;
  ministers: MinisterRepository;
  /** Attachments a write names are read here, to check them (the write holds them: held-by items). */
  attachments: AttachmentReader;
  /** The monthly close's months a write touches: a record of a signed-off month is not written (month-lock.ts). */
  months: MonthStates;
  clock: Clock;
}

/** The list routes': the lists, and the heads whose names a list shows. */
export interface ListDeps {
  /** Records by region or head, the desk's work lists and their counts. */
  lists: RecordLists;
  /** The cursors of lists made of another list's pages (the suggestions ledger). */
  resumes: ResumeCodec;
  ministers: MinisterRepository;
  clock: Clock;
}

/** Evidence: the attachments in the table, their files' URLs, and the records that hold them. */
export interface AttachmentDeps {
  attachments: AttachmentStore;
  records: RecordRepository;
  files: EvidenceUrls;
  clock: Clock;
}

/** The verify function: the attachments in the table, and the objects of the bucket. */
export interface VerifyDeps {
  attachments: AttachmentStore;
  objects: EvidenceObjects;
  clock: Clock;
}

export interface BranchDeps {
  branches: BranchRepository;
  /** The states behind the newest snapshots (provisional included), for which branches have been visited. */
  rollups: Pick<RollupRepository, 'newestState'>;
  clock: Clock;
}

export interface MinisterDeps {
  ministers: MinisterRepository;
  /** Contact branches (联系点) must be registered branches of the head's region. */
  branches: BranchRepository;
  clock: Clock;
}

/** Something went wrong with a night's rollup: which day, why, and whether the run recovered by itself. */
export interface RollupAlert {
  day: string;
  cause: string;
  recovered: boolean;
}

/** The heads' cards the nightly keeps: the heads, their trails, and the cards (use-cases/reporting/scorecard.ts). */
export type CardDeps = Pick<RecordDeps, 'ministers' | 'records' | 'branches' | 'clock'> & { cards: CardRepository };

export interface RollupDeps {
  rollups: RollupRepository;
  clock: Clock;
  /** Where the heads' cards are kept, moved to each night's end (absent: the scorecards count every head in full). */
  cards?: CardDeps;
  /** Tells people (on AWS: the alarm topic); absent where a person watches the run anyway (the CLI prints). */
  alert?(alert: RollupAlert): Promise<void>;
}

/** The monthly close (月度报送): the months, their records' counts, and the heads' names for the trail. */
export interface MonthDeps {
  months: MonthRepository;
  ministers: MinisterRepository;
  clock: Clock;
}

/** Notices (消息): the store of notices, who read them, and the time-based rules' settings. */
export interface NoticeDeps {
  notices: NoticeRepository;
  clock: Clock;
}

/** Group robots (群机器人): their settings in the table, their credentials encrypted apart. */
/** 用户管理: the accounts (the table or the user pool, by config) and the heads they may serve. */
export interface AccountDeps {
  accounts: AccountDirectory;
  ministers: Pick<MinisterRepository, 'get'>;
  clock: Clock;
}

export interface RobotDeps {
  robots: RobotRepository;
  deliveries: DeliveryLog;
  secrets: RobotSecrets;
  clock: Clock;
  /** The local robot receiver's origin, accepted as a robot's host under `npm start` (unset on AWS). */
  receiverOrigin?: string;
}

/** Posting notices to robots, off any request's path: the robots, their credentials, the post and its log. */
export interface RobotDeliveryDeps {
  robots: RobotRepository;
  secrets: RobotSecrets;
  deliveries: DeliveryLog;
  post: RobotPoster;
  /** Each robot's posts a minute, shared by every function that posts. */
  budget: RobotBudget;
  /** What a spent budget held back, until the robot's next post or the minute's sweep. */
  backlog: RobotBacklog;
  clock: Clock;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep(ms: number): Promise<void>;
}

/** The daily run of the time-based notice rules: the work lists and heads it reads, the notices it stores. */
export interface DailyNoticeDeps extends NoticeDeps {
  lists: RecordLists;
  ministers: MinisterRepository;
  /** Contact branches' names, for the notices that name them. */
  branches: BranchRepository;
  /** The group robots the day's digest goes to (absent: none is posted). */
  robotDelivery?: RobotDeliveryDeps;
}
