import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';
import { FIXED_NAMES, IMMUTABLE } from '#infra/site-content-stack.ts';

/**
 * The web front end as CloudFormation sees it: the site stack (bucket, distribution), how the
 * sign-in and API stacks use its URL, and the content stack's deployments with `/config.json`.
 * Bundling is skipped (the web build itself is checked in synth.test.ts).
 */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] }
interface Statement { Effect: string; Action: string | string[]; Principal?: Json; Resource: unknown; Condition?: Json }

let built: XiajicengApp;
let site: Template;
let content: Template;

beforeAll(() => {
  built = buildApp({ context: SKIP_BUNDLING });
  site = Template.fromStack(built.site);
  content = Template.fromStack(built.siteContent);
});

const resources = (template: Template, type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;
const logicalId = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const resourceOf = (template: Template, stack: Stack, construct: IConstruct): Resource => {
  const resource = (template.toJSON() as { Resources: Record<string, Resource> }).Resources[logicalId(stack, construct)];
  expect(resource, construct.node.path).toBeDefined();
  return resource;
};
const bucket = () => resourceOf(site, built.site, built.site.site.bucket);
const logBucket = () => resourceOf(site, built.site, built.site.site.logs);
const distributionConfig = () => resourceOf(site, built.site, built.site.site.distribution).Properties.DistributionConfig as Json;
const policyOf = (bucketId: string): Statement[] => {
  const policies = Object.values(resources(site, 'AWS::S3::BucketPolicy')).filter((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }));
  expect(policies).toHaveLength(1);
  return (policies[0].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};
/** An Fn::Join of strings and `{ Ref }`s as one string, `${AWS::Region}` for a Ref (as Fn::Sub would write it). */
const joined = (value: unknown): string => {
  const join = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return join[1].map((part) => (typeof part === 'string' ? part : `\${${(part as { Ref: string }).Ref}}`)).join(join[0]);
};
/** The name of the export of `stack` whose value is `value`, as another stack imports it. */
const importOf = (template: Template, value: unknown): Json => {
  const outputs = Object.values(template.findOutputs('*', { Value: value }) as Record<string, { Export?: { Name: string } }>).filter((o) => o.Export);
  expect(outputs, JSON.stringify(value)).toHaveLength(1);
  return { 'Fn::ImportValue': outputs[0].Export!.Name };
};

describe('site stack: the bucket', () => {
  it('blocks every kind of public access and is read only by this distribution, through origin access control', () => {
    expect(bucket().Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket().Properties).not.toHaveProperty('AccessControl');
    expect(bucket().Properties).not.toHaveProperty('WebsiteConfiguration');
    const allows = policyOf(logicalId(built.site, built.site.site.bucket)).filter((s) => s.Effect === 'Allow');
    expect(JSON.stringify(allows.map((s) => s.Principal))).not.toContain('"*"');
    const cloudFront = allows.filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }));
    expect(cloudFront).toHaveLength(1);
    expect(cloudFront[0].Action).toBe('s3:GetObject');
    const sourceArn = (cloudFront[0].Condition as { StringEquals: { 'AWS:SourceArn': unknown } }).StringEquals['AWS:SourceArn'];
    expect(joined(sourceArn)).toBe(`arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${logicalId(built.site, built.site.site.distribution)}}`);
  });

  it('refuses requests without TLS 1.2, is encrypted, and logs its access to the log bucket', () => {
    const denies = policyOf(logicalId(built.site, built.site.site.bucket)).filter((s) => s.Effect === 'Deny');
    expect(denies).toContainEqual(expect.objectContaining({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(denies).toContainEqual(expect.objectContaining({ Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }));
    expect(bucket().Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket().Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalId(built.site, built.site.site.logs) }, LogFilePrefix: 's3/' });
  });

  it('goes with its stack, emptied first (its files are rebuilt at every deploy)', () => {
    expect(bucket().DeletionPolicy).toBe('Delete');
    site.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: logicalId(built.site, built.site.site.bucket) } });
  });

  it('has a private, SSL-only log bucket that S3 writes to by bucket policy, kept after the stack, its logs expiring', () => {
    const logs = logBucket();
    expect(logs.Properties.PublicAccessBlockConfiguration).toEqual(bucket().Properties.PublicAccessBlockConfiguration);
    expect(logs.Properties).not.toHaveProperty('AccessControl');
    expect(logs.Properties.LifecycleConfiguration).toEqual({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] });
    expect(logs.DeletionPolicy).toBe('Retain');
    const statements = policyOf(logicalId(built.site, built.site.site.logs));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } }));
  });
});

describe('site stack: the distribution', () => {
  it('reads the bucket with origin access control (signed requests), not a public or website endpoint', () => {
    const [origin, ...others] = distributionConfig().Origins as Json[];
    expect(others).toEqual([]);
    const [oacId, oac] = Object.entries(resources(site, 'AWS::CloudFront::OriginAccessControl'))[0];
    expect(origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [logicalId(built.site, built.site.site.bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('redirects HTTP to HTTPS, compresses, serves index.html at /, only reads, and logs', () => {
    const config = distributionConfig();
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', Enabled: true });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true, AllowedMethods: ['GET', 'HEAD'] });
    expect(config.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [logicalId(built.site, built.site.site.logs), 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
  });

  it('adds HSTS, nosniff, DENY framing, no referrer and a CSP to every answer', () => {
    const [policyId, policy] = Object.entries(resources(site, 'AWS::CloudFront::ResponseHeadersPolicy'))[0];
    expect(distributionConfig().DefaultCacheBehavior).toMatchObject({ ResponseHeadersPolicyId: { Ref: policyId } });
    const headers = (policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Json }).SecurityHeadersConfig;
    expect(headers).toMatchObject({
      StrictTransportSecurity: { IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
    expect((headers.StrictTransportSecurity as { AccessControlMaxAgeSec: number }).AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 86400);
    const csp = joined((headers.ContentSecurityPolicy as { ContentSecurityPolicy: unknown }).ContentSecurityPolicy).split('; ');
    expect(csp).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]));
    // The API (any of the region's API Gateway hosts: its id comes later), the sign-in domain and the evidence bucket (uploads), nothing else.
    expect(csp).toContain("connect-src 'self' https://*.execute-api.${AWS::Region}.${AWS::URLSuffix} https://xiajiceng-${AWS::AccountId}.auth.${AWS::Region}.amazoncognito.com https://xiajiceng-evidence-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}");
    expect(csp.join('; ')).not.toMatch(/unsafe-|\s\*(\s|;|$)/);
  });

  it("names the sign-in domain of context cognitoDomainPrefix in the CSP", () => {
    const custom = buildApp({ context: { ...SKIP_BUNDLING, cognitoDomainPrefix: 'xjc-qinghai' } });
    expect(JSON.stringify(Template.fromStack(custom.site).findResources('AWS::CloudFront::ResponseHeadersPolicy'))).toContain(' https://xjc-qinghai.auth.');
  });

  it('outputs the site URL', () => {
    site.hasOutput('SiteUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(built.site, built.site.site.distribution), 'DomainName'] }]] } });
  });
});

describe('stack order', () => {
  it('the site needs no other stack; sign-in and API need the site; the content comes after all of them', () => {
    const needs = (stack: Stack) => stack.dependencies.map((s) => s.stackName).sort();
    expect(needs(built.site)).toEqual([]);
    expect(needs(built.signIn)).toEqual(['XiajicengSite']);
    expect(needs(built.api)).toEqual(['XiajicengSignIn', 'XiajicengSite', 'XiajicengStorage']);
    expect(needs(built.siteContent)).toEqual(['XiajicengApi', 'XiajicengSignIn', 'XiajicengSite']);
  });
});

describe('content stack', () => {
  const deployments = () => Object.entries(resources(content, 'Custom::CDKBucketDeployment'));
  const deployment = (construct: IConstruct): [string, Resource] => {
    const id = built.siteContent.getLogicalId(construct.node.findChild('CustomResource').node.defaultChild as CfnElement);
    const found = deployments().find(([logical]) => logical === id);
    expect(found, construct.node.path).toBeDefined();
    return found!;
  };
  const siteBucketName = () => importOf(site, { Ref: logicalId(built.site, built.site.site.bucket) });

  it('copies the hashed assets first, cacheable for a year and never pruned (open pages of the last release still find theirs)', () => {
    expect(deployments()).toHaveLength(2);
    const [, assets] = deployment(built.siteContent.assets);
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: siteBucketName(),
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': IMMUTABLE },
    });
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(assets.Properties).not.toHaveProperty('DistributionId');
  });

  it('then the pages, service worker and config.json: no-cache, pruned except assets/, and invalidated in CloudFront', () => {
    const [assetsId] = deployment(built.siteContent.assets);
    const [, pages] = deployment(built.siteContent.pages);
    expect(pages.Properties).toMatchObject({
      DestinationBucketName: siteBucketName(),
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: importOf(site, { Ref: logicalId(built.site, built.site.site.distribution) }),
    });
    expect(pages.Properties).not.toHaveProperty('Include');
    expect(pages.DependsOn).toContain(assetsId);
    expect([...(pages.Properties.DistributionPaths as string[])].sort()).toEqual(['/', '/config.json', '/dashboard.html', '/desk.html', '/index.html', '/sw.js']);
    expect(FIXED_NAMES).toContain('config.json');
  });

  it('writes config.json with the API endpoint, the sign-in domain and the web client id of the other stacks', () => {
    const [, pages] = deployment(built.siteContent.pages);
    const keys = pages.Properties.SourceObjectKeys as string[];
    expect(keys).toHaveLength(2);
    const assembly = built.app.synth();
    const text = readFileSync(join(assembly.directory, `asset.${keys[1].replace(/\.zip$/, '')}`, 'config.json'), 'utf8');
    // Put each deploy-time value (written `{{<CloudFormation>}}`) in the place of its marker, as the deployment will.
    const cfn = (value: unknown) => `{{${JSON.stringify(value).replace(/"/g, "'")}}}`;
    const markers = (pages.Properties.SourceMarkers as Json[])[1];
    const filled = Object.entries(markers).reduce((json, [marker, value]) => json.split(marker).join(cfn(value)), text);

    const signIn = Template.fromStack(built.signIn);
    const apiTemplate = Template.fromStack(built.api);
    expect(JSON.parse(filled)).toEqual({
      apiUrl: cfn(importOf(apiTemplate, { 'Fn::GetAtt': [logicalId(built.api, built.api.api.httpApi), 'ApiEndpoint'] })),
      signIn: {
        authority: `https://${cfn(importOf(signIn, { Ref: logicalId(built.signIn, built.signIn.signIn.domain) }))}.auth.${cfn({ Ref: 'AWS::Region' })}.amazoncognito.com`,
        clientId: cfn(importOf(signIn, { Ref: logicalId(built.signIn, built.signIn.signIn.webClient) })),
        scopes: ['openid', 'email', 'profile'],
      },
    });
    expect((pages.Properties.SourceMarkersConfig as Json[])[1]).toEqual({ jsonEscape: true });
  });

  it('copies the same web build in both deployments', () => {
    const [, assets] = deployment(built.siteContent.assets);
    const [, pages] = deployment(built.siteContent.pages);
    expect((pages.Properties.SourceObjectKeys as string[])[0]).toBe((assets.Properties.SourceObjectKeys as string[])[0]);
  });

  it('runs one function for both, with its own role (no managed policy) writing to its own log group', () => {
    const functions = Object.values(resources(content, 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(1);
    const roleId = built.siteContent.getLogicalId(built.siteContent.node.findChild('DeploymentRole').node.defaultChild as CfnElement);
    const logsId = built.siteContent.getLogicalId(built.siteContent.node.findChild('DeploymentLogs').node.defaultChild as CfnElement);
    expect(functions[0].Properties).toMatchObject({ Role: { 'Fn::GetAtt': [roleId, 'Arn'] }, LoggingConfig: { LogGroup: { Ref: logsId } } });
    expect(Object.values(resources(content, 'AWS::IAM::Role')).map((r) => r.Properties.ManagedPolicyArns)).toEqual([undefined]);
    for (const deployment of deployments()) expect(deployment[1].Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [Object.keys(resources(content, 'AWS::Lambda::Function'))[0], 'Arn'] });
  });
});
