import { type CfnElement, DefaultStackSynthesizer, Stack, Token, Validations } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
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
    id: `AwsSolutions-IAM5[Resource::${arnAsNagSees(Stack.of(grantee), table, table.tableArn)}/index/*]`,
    reason: 'The table grant also allows <table ARN>/index/*: the GSIs of this one table, which the list queries (and the nightly rollup) run on. The wildcard spans index names only, not tables or actions.',
  });
}

/**
 * A resource's ARN as it will appear in the consumer stack's template, flattened the way cdk-nag names
 * findings: the import of the producing stack's export (the usual case), or `<LogicalId.Arn>`.
 */
function arnAsNagSees(consumer: Stack, owner: IConstruct, arnOfOwner: string): string {
  const producer = Stack.of(owner);
  const arn: unknown = consumer.resolve(producer === consumer ? arnOfOwner : producer.exportValue(arnOfOwner));
  if (isRecord(arn) && typeof arn['Fn::ImportValue'] === 'string') return arn['Fn::ImportValue'];
  const getAtt = isRecord(arn) ? arn['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && getAtt.length === 2) return `<${getAtt[0]}.${getAtt[1]}>`;
  throw new Error(`unexpected table ARN shape ${JSON.stringify(arn)}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A string with `{ Ref: X }` parts (Fn::Join) as cdk-nag names it: each Ref written `<X>`. */
function flattenedAsNagSees(stack: Stack, value: string): string {
  const resolved: unknown = stack.resolve(value);
  if (typeof resolved === 'string') return resolved;
  const join = isRecord(resolved) ? resolved['Fn::Join'] : undefined;
  if (!Array.isArray(join) || !Array.isArray(join[1])) throw new Error(`unexpected ARN shape ${JSON.stringify(resolved)}`);
  return (join[1] as unknown[]).map((part) => {
    if (typeof part === 'string') return part;
    if (isRecord(part) && typeof part.Ref === 'string') return `<${part.Ref}>`;
    throw new Error(`unexpected ARN part ${JSON.stringify(part)}`);
  }).join(join[0] as string);
}

/**
 * A function that presigns uploads or downloads, or verifies what arrived, has one S3 action on
 * `<evidence bucket>/attachments/*`: the objects are named by attachment ids nobody knows in advance,
 * so the grant spans that one prefix of that one bucket; the action is exactly one, never a wildcard.
 */
export function acknowledgeEvidenceObjects(role: IRole, objectsArn: string): void {
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${flattenedAsNagSees(Stack.of(role), objectsArn)}]`,
    reason: "One S3 action (s3:PutObject to presign uploads, or s3:GetObject to presign downloads and verify uploads) on the evidence bucket's attachments/ prefix: its objects are named by attachment ids chosen at upload time, so the resource is that prefix of that one bucket.",
  });
}

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
    reason: "A schedule's role may invoke its function (the rollup, the daily notices) and its versions or aliases (<ARN>:*); the wildcard spans qualifiers of that one function only.",
  });
}

/**
 * The global profile's distribution has no custom domain (yet): it answers on `<id>.cloudfront.net`
 * with CloudFront's default certificate, whose security policy is fixed (CFR4); the China profile's
 * answers on its own domain under TLS 1.2. Either serves public static files only; the data sits
 * behind the API's sign-in, which has its own throttling (CFR1, CFR2).
 */
export function acknowledgeSiteDistribution(distribution: Distribution, certificate: 'default' | 'china'): void {
  Validations.of(distribution).acknowledge(
    ...(certificate === 'default' ? [{
      id: 'AwsSolutions-CFR4',
      reason: 'No custom domain: the *.cloudfront.net default certificate allows TLSv1 whatever MinimumProtocolVersion says. A custom domain needs an ACM certificate in us-east-1 (and, in China, an ICP filing); then set TLSv1.2_2021.',
    }] : [{
      id: 'AwsSolutions-CFR4',
      reason: "The China profile's viewer certificate (the IAM certificate, sni-only, TLSv1.2_2021) is written by a property override, which cdk-nag does not read; test/infra/china.test.ts checks it in the template.",
    }, {
      id: 'AwsSolutions-CFR7',
      reason: 'CloudFront in the China regions does not take origin access control (AWS::CloudFront::OriginAccessControl is not a resource type there): the bucket is read through an origin access identity, still private to the distribution.',
    }]),
    {
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: the site is public static files (the forms and dashboard code), no data; officials sign in wherever they travel, and the data behind the API needs a sign-in from anywhere.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason: 'No WAF: a web ACL for CloudFront must be created in us-east-1 (a stack of its own), costs a monthly fee, and would guard only public static files; the API, which holds the data, has stage throttling and its authorizer.',
    },
  );
}

/**
 * BucketDeployment's function (one, shared by the site's deployments): CDK chooses its Python runtime
 * (no option to change it; its AWS CLI layer is built for it), and its grants use wildcards over
 * the actions and objects of exactly two buckets, and cloudfront invalidations.
 */
export function acknowledgeSiteDeployment(role: IRole, siteBucket: IBucket): void {
  const stack = Stack.of(role);
  const deploymentFunctions = stack.node.findAll().filter((c) => c instanceof CfnFunction && c.node.scope?.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (deploymentFunctions.length !== 1) throw new Error(`expected one BucketDeployment function in ${stack.stackName}, found ${deploymentFunctions.length}`);
  Validations.of(deploymentFunctions[0]).acknowledge({
    id: 'AwsSolutions-L1',
    reason: "BucketDeployment's own function: CDK picks its Python runtime (no option to set it) and ships the AWS CLI layer built for that runtime.",
  });

  const reads = "CDK's read grants: on the bootstrap bucket, where `cdk deploy` uploads the archives this function unpacks (the web build, config.json), and on the site bucket, which the copy lists and compares. Read actions on those two buckets only.";
  const writes = "grantReadWrite on the site bucket: the copy replaces files, deletes the ones a release dropped (prune) and aborts its own failed multipart uploads. This one bucket's objects only.";
  Validations.of(role).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: reads },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: reads },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: reads },
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bootstrapBucketAsNagSees(stack)}/*]`,
      reason: "The objects of the CDK bootstrap bucket, read only: CDK's source grant covers the bucket's objects, not just the two archives' keys.",
    },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: writes },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: writes },
    { id: `AwsSolutions-IAM5[Resource::${arnAsNagSees(stack, siteBucket, siteBucket.bucketArn)}/*]`, reason: writes },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'BucketDeployment allows cloudfront:CreateInvalidation and GetInvalidation (those two only) on any distribution; CDK offers no narrower grant. The function invalidates the site distribution only.',
    },
  );
}

/** The CDK bootstrap bucket's name with `${AWS::AccountId}` written `<AWS::AccountId>`, as cdk-nag names it. */
function bootstrapBucketAsNagSees(stack: Stack): string {
  const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', qualifier)
    .replace('${AWS::Region}', regionAsNagSees(stack)).replace(/\$\{(AWS::\w+)\}/g, '<$1>');
}

/** The stack's region as cdk-nag writes it in a resource: `<AWS::Region>` for an environment-agnostic stack, the name for the China profile's. */
const regionAsNagSees = (stack: Stack): string => (Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region);

/**
 * A stream's event source grants `dynamodb:ListStreams` on `*`: the action takes no resource (IAM
 * allows only `*` for it), and it lists stream ARNs, no data; reading records is granted on the one
 * table's stream.
 */
export function acknowledgeListStreams(role: IConstruct): void {
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'dynamodb:ListStreams, granted by the stream event source, supports no resource but *; it lists stream ARNs only. GetRecords and GetShardIterator are granted on this table\'s stream alone.',
  });
}

/** The robots' functions read and write one SecureString per region under one parameter path (infra/robots.ts). */
export function acknowledgeRobotParameters(role: IConstruct, prefix: string): void {
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:${regionAsNagSees(Stack.of(role))}:<AWS::AccountId>:parameter${prefix}/*]`,
    reason: "Robots' credentials are one SecureString parameter per region under one path, named by the region codes admins choose; the wildcard spans that path only, and three SSM actions.",
  });
}
