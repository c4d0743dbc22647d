import { type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '#functions/config.ts';
import { DOWNLOAD_EXPIRES_SECONDS, UPLOAD_EXPIRES_SECONDS } from '#functions/domain/evidence-key.ts';
import { routeKey, VERIFY_HANDLER } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';

/**
 * Evidence as CloudFormation sees it: the bucket, its log bucket, the S3 notification to the verify
 * function and that function's grants (storage stack); the attachment routes' grants (API stack); the
 * site's CSP. Bundling is skipped (synth.test.ts bundles and runs cdk-nag on the real app).
 */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] }
interface Statement { Effect: string; Action: string | string[]; Resource: unknown; Principal?: Json; Condition?: Json }

let built: XiajicengApp;
let storage: Template;
let api: Template;
let site: Template;

beforeAll(() => {
  built = buildApp({ context: SKIP_BUNDLING });
  storage = Template.fromStack(built.storage);
  api = Template.fromStack(built.api);
  site = Template.fromStack(built.site);
});

const logicalId = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const resources = (template: Template, type: string) => template.findResources(type) as Record<string, Resource>;
const bucket = () => resources(storage, 'AWS::S3::Bucket')[logicalId(built.storage, built.storage.evidence.bucket)];
/** `Fn::Join` of strings and `{ Ref }`s as one string, `${X}` for a Ref. */
const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return join[1].map((part) => (typeof part === 'string' ? part : `\${${(part as { Ref: string }).Ref}}`)).join(join[0]);
};
const OBJECTS = 'arn:${AWS::Partition}:s3:::xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}/attachments/*';

/** The statements of the policies on a role, in a template. */
function statementsOf(template: Template, stack: Stack, role: IConstruct): Statement[] {
  const roleId = logicalId(stack, role);
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const s3Statements = (statements: Statement[]) => statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));

describe('the evidence bucket', () => {
  it('is private: public access blocked, no ACLs, SSL only with TLS 1.2, encrypted, not versioned', () => {
    const props = bucket().Properties;
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(props).not.toHaveProperty('VersioningConfiguration');
    expect(props).not.toHaveProperty('WebsiteConfiguration');
    const policy = Object.values(resources(storage, 'AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(built.storage, built.storage.evidence.bucket) }))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it('keeps stored bytes: every PUT must be create-only (If-None-Match: *), and no request signed over 15 minutes ago is served; no function may delete', () => {
    const policy = Object.values(resources(storage, 'AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(built.storage, built.storage.evidence.bucket) }))!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(built.storage, built.storage.evidence.bucket), 'Arn'] }, '/*']] };
    expect(statements).toContainEqual({
      Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: objects, Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    expect(statements).toContainEqual({
      Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: objects, Condition: { NumericGreaterThan: { 's3:signatureAge': 900_000 } },
    });
    // The longest URL the functions hand out fits under that cap.
    expect(Math.max(UPLOAD_EXPIRES_SECONDS, DOWNLOAD_EXPIRES_SECONDS) * 1000).toBeLessThanOrEqual(900_000);
    // Browsers may send the create-only header with an upload.
    expect((bucket().Properties.CorsConfiguration as { CorsRules: { AllowedHeaders: string[] }[] }).CorsRules[0].AllowedHeaders).toContain('if-none-match');
    for (const template of [storage, api]) {
      const actions = Object.values(resources(template, 'AWS::IAM::Policy'))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement).flatMap((s) => [s.Action].flat());
      expect(actions.filter((a) => /^s3:(\*|Delete|PutObjectVersion|PutBucketVersioning|PutLifecycle)/.test(a))).toEqual([]);
    }
  });

  it('is named up front (the CSP names its host), unless context evidenceBucketName says otherwise', () => {
    expect(joined(bucket().Properties.BucketName)).toBe('xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}');
    const custom = buildApp({ context: { ...SKIP_BUNDLING, evidenceBucketName: 'xjc-evidence-qh' } });
    const customBucket = Template.fromStack(custom.storage).findResources('AWS::S3::Bucket', { Properties: { BucketName: 'xjc-evidence-qh' } });
    expect(Object.keys(customBucket)).toHaveLength(1);
  });

  it('moves files to infrequent access after 90 days, aborts abandoned uploads, and is retained with its stack', () => {
    expect(bucket().Properties.LifecycleConfiguration).toEqual({
      Rules: [
        { Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }] },
        { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
      ],
    });
    expect(bucket().DeletionPolicy).toBe('Retain');
    expect(bucket().UpdateReplacePolicy).toBe('Retain');
  });

  it('logs its access to a private log bucket of its own, retained, its logs kept a year', () => {
    const logsId = logicalId(built.storage, built.storage.evidence.logs);
    expect(bucket().Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'evidence/' });
    const logs = resources(storage, 'AWS::S3::Bucket')[logsId];
    expect(logs.Properties.PublicAccessBlockConfiguration).toEqual(bucket().Properties.PublicAccessBlockConfiguration);
    expect(logs.Properties.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] });
    expect(logs.DeletionPolicy).toBe('Retain');
  });

  it("allows CORS PUT and GET from the site's origin only (and those of context corsOrigins)", () => {
    const siteOrigin = built.storage.resolve(built.site.site.url);
    expect(bucket().Properties.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedOrigins: [siteOrigin], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type', 'if-none-match'], ExposedHeaders: ['etag'], MaxAge: 3000 }],
    });
    const withCors = buildApp({ context: { ...SKIP_BUNDLING, corsOrigins: 'https://xjc.example.cn' } });
    const [rule] = (Object.values(Template.fromStack(withCors.storage).findResources('AWS::S3::Bucket', { Properties: { BucketName: { 'Fn::Join': ['', ['xiajiceng-evidence-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] } } }))[0]
      .Properties.CorsConfiguration as { CorsRules: { AllowedOrigins: unknown[] }[] }).CorsRules;
    expect(rule.AllowedOrigins).toEqual([withCors.storage.resolve(withCors.site.site.url), 'https://xjc.example.cn']);
  });
});

describe('the verify function', () => {
  const verify = () => built.storage.evidence.verify;
  const functionId = () => logicalId(built.storage, verify().function);

  it('is invoked by S3 for every object created under attachments/, and S3 may invoke it for this bucket of this account only', () => {
    expect(bucket().Properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [{
        Event: 's3:ObjectCreated:*',
        Function: { 'Fn::GetAtt': [functionId(), 'Arn'] },
        Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'attachments/' }] } },
      }],
    });
    const permissions = Object.entries(resources(storage, 'AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(1);
    const [permissionId, permission] = permissions[0];
    expect(permission.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', FunctionName: { 'Fn::GetAtt': [functionId(), 'Arn'] }, SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(joined(permission.Properties.SourceArn)).toBe('arn:${AWS::Partition}:s3:::xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}');
    // S3 checks the permission when the notification is set: the bucket waits for it.
    expect(bucket().DependsOn).toContain(permissionId);
    // No custom resource sets the notification (CDK's BucketNotificationsHandler would bring one).
    expect(Object.keys(resources(storage, 'Custom::S3BucketNotifications'))).toEqual([]);
  });

  it('may read the attachments\' objects and nothing else of the bucket, and write the table', () => {
    const statements = statementsOf(storage, built.storage, verify().role);
    expect(s3Statements(statements).map((s) => [s.Action, joined(s.Resource)])).toEqual([['s3:GetObject', OBJECTS]]);
    const dynamo = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:GetItem']));
    const fn = resources(storage, 'AWS::Lambda::Function')[functionId()];
    expect(fn.Properties.Environment).toMatchObject({ Variables: { [ENV.evidenceBucket]: expect.anything(), [ENV.tableName]: { Ref: logicalId(built.storage, built.storage.table) } } });
    expect(joined((fn.Properties.Environment as { Variables: Json }).Variables[ENV.evidenceBucket])).toBe('xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}');
    expect(fn.Properties).toMatchObject({ Architectures: ['arm64'], Timeout: 60 });
    expect(verify().function.node.path).toContain('Evidence');
    expect(VERIFY_HANDLER).toBe('attachments/verify');
  });

  it('alarms on its errors, on the alarm topic', () => {
    const topicId = logicalId(built.api, built.api.alarms.topic);
    const alarms = Object.values(resources(api, 'AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties.Dimensions).includes('Verify'));
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({ MetricName: 'Errors', Namespace: 'AWS/Lambda', AlarmActions: [{ Ref: topicId }] });
  });
});

describe('the attachment routes', () => {
  const roleOf = (key: string) => built.api.functions.get(key)!.role;
  const functionOf = (key: string) => resources(api, 'AWS::Lambda::Function')[logicalId(built.api, built.api.functions.get(key)!.function)];

  it('POST /attachments may put the attachments\' objects (to presign uploads), GET /attachments/{id} may get them, each nothing else of S3', () => {
    expect(s3Statements(statementsOf(api, built.api, roleOf('POST /attachments'))).map((s) => [s.Action, joined(s.Resource)])).toEqual([['s3:PutObject', OBJECTS]]);
    expect(s3Statements(statementsOf(api, built.api, roleOf('GET /attachments/{id}'))).map((s) => [s.Action, joined(s.Resource)])).toEqual([['s3:GetObject', OBJECTS]]);
  });

  it('declare their bucket access in the route table, and no other function has any S3 permission or knows the bucket', () => {
    expect(ROUTES.filter((r) => r.bucket).map((r) => `${routeKey(r)} ${r.bucket}`)).toEqual(['POST /attachments put', 'GET /attachments/{id} get']);
    for (const route of ROUTES) {
      const variables = ((functionOf(routeKey(route)).Properties.Environment ?? { Variables: {} }) as { Variables: Json }).Variables;
      if (route.bucket) {
        expect(joined(variables[ENV.evidenceBucket]), routeKey(route)).toBe('xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}');
        continue;
      }
      expect(s3Statements(statementsOf(api, built.api, roleOf(routeKey(route)))), routeKey(route)).toEqual([]);
      expect(variables, routeKey(route)).not.toHaveProperty(ENV.evidenceBucket);
      expect(variables, routeKey(route)).not.toHaveProperty(ENV.s3Endpoint);
    }
    expect(s3Statements(statementsOf(api, built.api, built.api.rollup.fn.role))).toEqual([]);
  });
});

describe("the site's CSP", () => {
  it('lets the pages PUT to and fetch from the evidence bucket, and show its thumbnails', () => {
    const [policy] = Object.values(resources(site, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const config = policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } };
    const csp = joined(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).split('; ');
    const host = 'https://xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}';
    expect(csp.find((d) => d.startsWith('connect-src'))?.split(' ')).toContain(host);
    expect(csp).toContain(`img-src 'self' data: ${host}`);
  });
});
