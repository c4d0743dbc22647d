import { Duration, TimeZone } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV, OBSERVABILITY } from '#functions/config.ts';
import { ROLLUP_HANDLER, ROLLUP_SCHEDULES } from '#functions/rollup/schedules.ts';
import type { Alarms } from '#infra/alarms.ts';
import { ApiFunction } from '#infra/api-function.ts';
import { acknowledgeDeadLetterQueue, acknowledgeScheduledInvoke } from '#infra/nag-acknowledgements.ts';


/**
 * The nightly rollup: at 01:00 Beijing time EventBridge Scheduler invokes the rollup function for the
 * day that just ended, and through the day for the day under way (provisional snapshots). Failed invocations are retried, then parked in a dead-letter queue; alarms
 * fire on a failure, on a parked event, and when no snapshot was reported ready within a day.
 */
export class NightlyRollup extends Construct {
  readonly fn: ApiFunction;
  readonly schedule: Schedule;
  readonly intradaySchedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: { table: ITable; alarms: Alarms }) {
    super(scope, id);
    // Catch-up nights and an explicit rebuild read far more than one day; 15 minutes is Lambda's limit.
    this.fn = new ApiFunction(this, 'Function', { handler: ROLLUP_HANDLER, timeout: Duration.minutes(15) });
    this.fn.bindTable(props.table, 'write');
    // A night that had to be rebuilt, or failed, is told on the alarm topic with its day and cause.
    this.fn.function.addEnvironment(ENV.alarmTopicArn, props.alarms.topic.topicArn);
    props.alarms.allowPublish(this.fn.function);

    // Kept 14 days (SQS's maximum): long enough for a person to see the alarm and redo the night by hand.
    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    acknowledgeDeadLetterQueue(this.deadLetters);

    const { nightly, intraday } = ROLLUP_SCHEDULES;
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Roll up the day that just ended (Beijing time)',
      schedule: ScheduleExpression.cron({ minute: String(nightly.minute), hour: String(nightly.hour), timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(this.fn.function, {
        input: ScheduleTargetInput.fromObject(nightly.event),
        // Each run also catches up earlier missed nights, so a few retries within hours suffice.
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetters,
      }),
    });
    // The same function through the day: provisional snapshots of the day under way. A missed refresh
    // is made good by the next one half an hour later, so no retries and no dead letters.
    this.intradaySchedule = new Schedule(this, 'IntradaySchedule', {
      description: 'Refresh the figures of the day under way (provisional, Beijing time)',
      schedule: ScheduleExpression.cron({ minute: intraday.minutes, hour: intraday.hours, timeZone: TimeZone.ASIA_SHANGHAI }),
      target: new LambdaInvoke(this.fn.function, {
        input: ScheduleTargetInput.fromObject(intraday.event),
        retryAttempts: 0,
        maxEventAge: Duration.minutes(15),
      }),
    });

    acknowledgeScheduledInvoke(this.fn.function);

    props.alarms.onFunctionErrors('RollupErrors', this.fn.function);
    props.alarms.onDeadLetters('RollupDeadLetters', this.deadLetters);
    props.alarms.onMissingDaily('RollupMissing', new Metric({
      namespace: OBSERVABILITY.namespace,
      metricName: OBSERVABILITY.snapshotReady,
      dimensionsMap: { service: OBSERVABILITY.service },
    }), 'A nightly rollup snapshot');
  }
}
