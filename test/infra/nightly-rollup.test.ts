import { type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';

let built: XiajicengApp;
let api: Template;
const idOf = (construct: { node: { defaultChild?: unknown } }) => built.api.getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
  api = Template.fromStack(built.api);
});

describe('nightly rollup', () => {
  it('runs at 01:00 Beijing time, invoking the rollup function with retries and a dead-letter queue', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [idOf(built.api.rollup.fn.function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [idOf(built.api.rollup.deadLetters), 'Arn'] } },
      },
    });
  });

  it('may run 15 minutes (catch-up and rebuild), unlike the API functions that answer a request', () => {
    const fn = api.findResources('AWS::Lambda::Function')[idOf(built.api.rollup.fn.function)];
    expect(fn.Properties.Timeout).toBe(900);
  });

  it('may write the table (it stores snapshots) and has no route', () => {
    const fnId = idOf(built.api.rollup.fn.function);
    const routes = JSON.stringify(api.findResources('AWS::ApiGatewayV2::Integration'));
    expect(routes).not.toContain(fnId);
    const roleId = built.api.getLogicalId(built.api.rollup.fn.role.node.defaultChild as CfnElement);
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:BatchWriteItem']) })]) },
    });
  });

  it('alarms on failure, on a parked event, and on a day without a snapshot', () => {
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf(built.api.rollup.fn.function) } }] });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(built.api.rollup.deadLetters), 'QueueName'] } }],
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'SnapshotReady', Namespace: 'Xiajiceng', Period: 86400, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
    });
  });
});

describe('nightly rollup alerts', () => {
  it('knows the alarm topic and may publish on it (and use its key), to name a failed or rebuilt night and its cause', () => {
    const fn = api.findResources('AWS::Lambda::Function')[idOf(built.api.rollup.fn.function)];
    const topicId = built.api.getLogicalId(built.api.alarms.topic.node.defaultChild as CfnElement);
    expect(fn.Properties.Environment.Variables.ALARM_TOPIC_ARN).toEqual({ Ref: topicId });
    const roleId = built.api.getLogicalId(built.api.rollup.fn.role.node.defaultChild as CfnElement);
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: topicId } })]) },
    });
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] })]) },
    });
  });
});

describe('intraday rollup', () => {
  it('refreshes the day under way every half hour from 07:00 to 22:30 Beijing time, the same function, no retries', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0,30 7-22 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: {
        Arn: { 'Fn::GetAtt': [idOf(built.api.rollup.fn.function), 'Arn'] },
        Input: JSON.stringify({ intraday: true }),
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 900 },
      },
    });
    // The rollup's two schedules (the stack has others: the daily notices').
    const rollupArn = JSON.stringify({ 'Fn::GetAtt': [idOf(built.api.rollup.fn.function), 'Arn'] });
    const schedules = Object.values(api.findResources('AWS::Scheduler::Schedule')).filter((s) => JSON.stringify(s.Properties.Target.Arn) === rollupArn);
    expect(schedules).toHaveLength(2);
  });
});
