import { Duration, TimeZone } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DAILY_NOTICES_HANDLER, DAILY_NOTICES_SCHEDULE, DECISION_NOTICES_HANDLER, ROBOT_SWEEP_EVERY_MINUTES, ROBOT_SWEEP_HANDLER,
} from '#functions/notice-functions.ts';
import { CHANGE_SK_PREFIX } from '#functions/items/change.ts';
import { TABLE_DEFINITION } from '#functions/table.ts';
import type { Alarms } from '#infra/alarms.ts';
import { grantRobotSecrets } from '#infra/robots.ts';
import { ApiFunction } from '#infra/api-function.ts';
import { acknowledgeDeadLetterQueue, acknowledgeListStreams, acknowledgeScheduledInvoke } from '#infra/nag-acknowledgements.ts';

/**
 * Decision notices: the table's stream invokes a function with the change entries the writes add
 * (filtered at the source, so a record's own item, a counter or a notice never invokes it), off the
 * request path. A failing batch is retried, halved to find the entry at fault, and past its retries
 * its place in the stream is parked in a dead-letter queue; alarms fire on a failure, on a parked
 * batch, and when the function falls behind the stream.
 */
export class DecisionNotices extends Construct {
  readonly fn: ApiFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: { table: ITable; alarms: Alarms }) {
    super(scope, id);
    this.fn = new ApiFunction(this, 'Function', { handler: DECISION_NOTICES_HANDLER, timeout: Duration.minutes(1) });
    // It posts the new notices to the regions' group robots: their credentials, read only.
    grantRobotSecrets(this.fn, 'read');
    this.fn.bindTable(props.table, 'write');

    // Kept 14 days (SQS's maximum): the message names the batch's shard and sequence numbers, long
    // enough for a person to see the alarm and replay the decisions by hand.
    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledgeDeadLetterQueue(this.deadLetters);

    this.fn.function.addEventSource(new DynamoEventSource(props.table, {
      // From the deploy on: a first deploy must not tell a day of old decisions again.
      startingPosition: StartingPosition.LATEST,
      batchSize: 100,
      // A decision's notice within a minute: gather a busy second's changes, no longer.
      maxBatchingWindow: Duration.seconds(1),
      retryAttempts: 5,
      bisectBatchOnError: true,
      // Records older than a day would tell of decisions long seen on the desk.
      maxRecordAge: Duration.days(1),
      onFailure: new SqsDlq(this.deadLetters),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { Keys: { [TABLE_DEFINITION.sortKey]: { S: FilterRule.beginsWith(CHANGE_SK_PREFIX) } } } })],
    }));

    acknowledgeListStreams(this.fn.role);

    props.alarms.onFunctionErrors('DecisionNoticesErrors', this.fn.function);
    props.alarms.onDeadLetters('DecisionNoticesDeadLetters', this.deadLetters);
    props.alarms.onStreamLag('DecisionNoticesLag', this.fn.function);
  }
}

/**
 * The time-based rules: EventBridge Scheduler invokes the daily function at 08:30 Beijing time
 * (Asia/Shanghai). A failed run is retried (a rerun makes nothing twice), then parked in a
 * dead-letter queue; alarms fire on a failure and on a parked event.
 */
export class DailyNotices extends Construct {
  readonly fn: ApiFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: { table: ITable; alarms: Alarms }) {
    super(scope, id);
    // It reads the province's work lists and, from the 20th, each head's month: minutes, not seconds.
    this.fn = new ApiFunction(this, 'Function', { handler: DAILY_NOTICES_HANDLER, timeout: Duration.minutes(15) });
    // It posts the day's digest to the regions' group robots: their credentials, read only.
    grantRobotSecrets(this.fn, 'read');
    this.fn.bindTable(props.table, 'write');
    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledgeDeadLetterQueue(this.deadLetters);
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Run the time-based notice rules for the day (Beijing time)',
      schedule: ScheduleExpression.cron({ minute: String(DAILY_NOTICES_SCHEDULE.minute), hour: String(DAILY_NOTICES_SCHEDULE.hour), timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(this.fn.function, {
        input: ScheduleTargetInput.fromObject({}),
        // Reminders read late in the morning still help; by noon the day's are stale.
        retryAttempts: 3,
        maxEventAge: Duration.hours(3),
        deadLetterQueue: this.deadLetters,
      }),
    });
    acknowledgeScheduledInvoke(this.fn.function);
    props.alarms.onFunctionErrors('DailyNoticesErrors', this.fn.function);
    props.alarms.onDeadLetters('DailyNoticesDeadLetters', this.deadLetters);
  }
}

/**
 * The robots' backlogs: EventBridge Scheduler invokes the sweep every minute, so notices a robot's
 * spent budget held back go out the next minute even when no new notice comes to carry them. A
 * failed run is not retried nor parked: the next minute's run finds the same backlog. It alarms on
 * failures like every function.
 */
export class RobotSweep extends Construct {
  readonly fn: ApiFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { table: ITable; alarms: Alarms }) {
    super(scope, id);
    // Each robot posted to at once, three attempts at most (5 s each, 2 s and 10 s between): well within a minute.
    this.fn = new ApiFunction(this, 'Function', { handler: ROBOT_SWEEP_HANDLER, timeout: Duration.minutes(1) });
    grantRobotSecrets(this.fn, 'read');
    // It counts posts and takes the backlog (conditional updates and deletes), and logs deliveries.
    this.fn.bindTable(props.table, 'write');
    this.schedule = new Schedule(this, 'Schedule', {
      description: "Post what waited for a group robot's budget of posts a minute",
      schedule: ScheduleExpression.rate(Duration.minutes(ROBOT_SWEEP_EVERY_MINUTES)),
      target: new LambdaInvoke(this.fn.function, {
        input: ScheduleTargetInput.fromObject({}),
        // A late sweep is replaced by the next minute's.
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });
    acknowledgeScheduledInvoke(this.fn.function);
    props.alarms.onFunctionErrors('RobotSweepErrors', this.fn.function);
  }
}
