import { type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';

let built: XiajicengApp;
let api: Template;
let storage: Template;
const idOf = (construct: { node: { defaultChild?: unknown } }) => built.api.getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
  api = Template.fromStack(built.api);
  storage = Template.fromStack(built.storage);
});

describe('decision notices', () => {
  it('the table keeps a stream of new images (change entries hold the record before and after)', () => {
    storage.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
  });

  it('the stream invokes the function with new change entries only, retried, halved, then parked in a dead-letter queue', () => {
    const fnId = idOf(built.api.decisionNotices.fn.function);
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [idOf(built.api.decisionNotices.deadLetters), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'change#' }] } } } }) }] },
    });
    // No route reaches it.
    expect(JSON.stringify(api.findResources('AWS::ApiGatewayV2::Integration'))).not.toContain(fnId);
  });

  it('may write the table (it stores notices) and read its stream', () => {
    const roleId = built.api.getLogicalId(built.api.decisionNotices.fn.role.node.defaultChild as CfnElement);
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']) })]) },
    });
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem']) })]) },
    });
  });

  it('alarms on a failure, on a parked batch and when it falls a minute behind the stream', () => {
    const fnId = idOf(built.api.decisionNotices.fn.function);
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 60_000, Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(built.api.decisionNotices.deadLetters), 'QueueName'] } }],
    });
  });
});

describe('daily notices', () => {
  it('run at 08:30 Beijing time, invoking the daily function with retries and a dead-letter queue, alarmed', () => {
    const fnId = idOf(built.api.dailyNotices.fn.function);
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: {
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [idOf(built.api.dailyNotices.deadLetters), 'Arn'] } },
      },
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(built.api.dailyNotices.deadLetters), 'QueueName'] } }],
    });
    expect(JSON.stringify(api.findResources('AWS::ApiGatewayV2::Integration'))).not.toContain(fnId);
  });
});

describe("the robots' backlog sweep", () => {
  it('runs every minute without retries (the next minute replaces a late one), may read robot credentials and write the table, alarmed', () => {
    const fnId = idOf(built.api.robotSweep.fn.function);
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: { Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    const roleId = built.api.getLogicalId(built.api.robotSweep.fn.role.node.defaultChild as CfnElement);
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:UpdateItem', 'dynamodb:DeleteItem']) })]) },
    });
    api.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:GetParameter' })]) },
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
    expect(JSON.stringify(api.findResources('AWS::ApiGatewayV2::Integration'))).not.toContain(fnId);
  });
});
