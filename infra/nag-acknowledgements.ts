import { Stack, Validations } from 'aws-cdk-lib';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { routeKey, type RouteSpec } from '#functions/routes.ts';

/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, each on the one construct it concerns and
 * with its reason. Anything not acknowledged here fails synthesis (errors) or the infra test (all).
 */

/** A route without an authorizer trips both "no authorization" rules (APIG4, COG4). */
export function acknowledgeOpenRoute(route: HttpRoute, spec: RouteSpec): void {
  const reason = spec.auth === 'public'
    ? `${routeKey(spec)} answers without sign-in by contract (a public route of the API).`
    : `${routeKey(spec)} will require sign-in, whose authorizer arrives with the sign-in issue; until then the stage's throttling bounds abuse.`;
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
