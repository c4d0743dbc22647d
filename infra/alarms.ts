import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);

/**
 * The alarms of the API and where they notify: one encrypted SNS topic (subscribe an e-mail or a
 * chat hook to it after deploying).
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly key: Key;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // A customer-managed key, because CloudWatch cannot publish to a topic under the AWS-managed
    // aws/sns key: its policy cannot be changed to let the CloudWatch service use it.
    const key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts the xiajiceng alarm topic' });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.key = key;

    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    this.action = new SnsAction(this.topic);
  }

  /**
   * Lets a function publish its own messages on the topic (the rollup naming a night that went
   * wrong): `sns:Publish` on this topic, and the two key actions publishing to an encrypted topic
   * needs, spelled out rather than granted as `kms:GenerateDataKey*`.
   */
  allowPublish(fn: IFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }));
  }

  /**
   * Any failed invocation: the handlers turn every error into a response, so an `Errors` count means
   * a crash, a timeout or a failed cold start (bad config), each worth a look.
   */
  onFunctionErrors(id: string, fn: IFunction): Alarm {
    return this.atLeast(id, `${fn.node.path}: invocations failed (crash, timeout or cold-start failure)`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 1);
  }

  /**
   * Server errors answered by the API (the handlers' 500/503 and API Gateway's own 5xx). A count,
   * not a rate: with a few hundred reporters a quiet five minutes may see two requests, and a rate
   * would swing from 0 % to 50 % on one error; five 5xx in five minutes is trouble at any traffic.
   */
  onServerErrors(id: string, api: IHttpApi): Alarm {
    return this.atLeast(id, 'The HTTP API answered at least 5 server errors (5xx) within 5 minutes', api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 5);
  }

  /** Any message in a dead-letter queue is work that failed for good and waits for a person. */
  onDeadLetters(id: string, queue: IQueue): Alarm {
    return this.atLeast(id, `${queue.node.path}: events failed all retries and wait in the dead-letter queue`,
      queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }), 1);
  }

  /**
   * A stream's function falling behind: its oldest record waited over a minute (decisions' notices
   * are promised within one), for a sustained five minutes so one slow batch does not wake anyone.
   */
  onStreamLag(id: string, fn: IFunction): Alarm {
    return this.atLeast(id, `${fn.node.path}: the stream's records wait over a minute to be read`,
      fn.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }), 60_000);
  }

  /**
   * A nightly job that did not report success within a day: missing data is breaching, so a
   * schedule that never fires (or a function that dies before its metric) raises this too.
   */
  onMissingDaily(id: string, metric: Metric, what: string): Alarm {
    return this.notify(new Alarm(this, id, {
      alarmDescription: `${what} did not happen in the last 24 hours`,
      metric: metric.with({ period: Duration.hours(24), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    }));
  }

  /** Fires when one period's value reaches `threshold`; no data means all is well. */
  private atLeast(id: string, alarmDescription: string, metric: IMetric, threshold: number): Alarm {
    return this.notify(new Alarm(this, id, {
      alarmDescription,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }));
  }

  private notify(alarm: Alarm): Alarm {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}
