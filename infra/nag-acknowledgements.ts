import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { routeKey, type RouteSpec } from '#functions/routes.ts';

/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, each on the one construct it concerns and
 * with its reason. Anything not acknowledged here fails synthesis (errors) or the infra test (all).
 */

/**
 * A public route (no authorizer) trips APIG4 ("no authorization"). COG4 ("no Cognito authorizer")
 * reads only REST API methods in cdk-nag 3.0.2, so it does not fire on HTTP API routes today; it is
 * acknowledged too, for a public route has no authorizer by contract whatever a later cdk-nag reads.
 * Signed-in routes carry the user pool's JWT authorizer and need no acknowledgement.
 */
export function acknowledgeOpenRoute(route: HttpRoute, spec: RouteSpec): void {
  if (spec.auth !== 'public') throw new Error(`${routeKey(spec)} requires sign-in: it must have the authorizer, not an acknowledgement`);
  const reason = `${routeKey(spec)} answers without sign-in by contract (a public route of the API).`;
  Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason });
}

/**
 * grantReadData / grantReadWriteData allow `<table ARN>/index/*`: every GSI of this one table, which
 * the list and rollup queries run on. The wildcard is over index names only; the actions stay the grant's.
 */
export function acknowledgeTableIndexWildcard(grantee: IConstruct, table: ITable): void {
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${tableArnAsNagSees(Stack.of(grantee), table)}/index/*]`,
    reason: 'The table grant also allows <table ARN>/index/*: the GSIs of this one table, which the list queries (and the nightly rollup) run on. The wildcard spans index names only, not tables or actions.',
  });
}

/**
 * The table ARN as it will appear in the grantee stack's template, flattened the way cdk-nag names
 * findings: the import of the producing stack's export (the usual case), or `<LogicalId.Arn>`.
 */
function tableArnAsNagSees(consumer: Stack, table: ITable): string {
  const producer = Stack.of(table);
  const arn: unknown = consumer.resolve(producer === consumer ? table.tableArn : producer.exportValue(table.tableArn));
  if (isRecord(arn) && typeof arn['Fn::ImportValue'] === 'string') return arn['Fn::ImportValue'];
  const getAtt = isRecord(arn) ? arn['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && getAtt.length === 2) return `<${getAtt[0]}.${getAtt[1]}>`;
  throw new Error(`unexpected table ARN shape ${JSON.stringify(arn)}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A dead-letter queue is the end of the line: giving it a dead-letter queue of its own (SQS3) would only move the problem. */
export function acknowledgeDeadLetterQueue(queue: IConstruct): void {
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: "This queue is itself the scheduler's dead-letter queue; its messages wait for a person (an alarm fires on the first one).",
  });
}

/**
 * The scheduler's role (made by the LambdaInvoke target, at stack level) may invoke the function and
 * its versions and aliases (`<ARN>:*`): a wildcard over qualifiers of this one function only.
 */
export function acknowledgeScheduledInvoke(fn: IFunction): void {
  const stack = Stack.of(fn);
  const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnElement);
  Validations.of(stack).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
    reason: "The schedule's role may invoke the rollup function and its versions or aliases (<ARN>:*); the wildcard spans qualifiers of that one function only.",
  });
}
