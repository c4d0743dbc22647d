import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS, REPORTING_SCOPE, RESOURCE_SERVER } from '#schemas/access.ts';
import { routeKey } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';
import { PASSWORD_POLICY } from '#infra/sign-in.ts';

/**
 * Sign-in as CloudFormation sees it: the user pool and its clients (sign-in stack), and the JWT
 * authorizer of the API stack on exactly the `signed-in` routes of ROUTES.
 */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }

let built: XiajicengApp;
let api: Template;
let signIn: Template;

beforeAll(() => {
  built = buildApp({ context: SKIP_BUNDLING });
  api = Template.fromStack(built.api);
  signIn = Template.fromStack(built.signIn);
});

const resources = (template: Template, type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;
const logicalId = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const only = (template: Template, type: string): [string, Resource] => {
  const entries = Object.entries(resources(template, type));
  expect(entries, type).toHaveLength(1);
  return entries[0];
};
const pool = () => only(signIn, 'AWS::Cognito::UserPool')[1];
const client = (construct: IConstruct) => resources(signIn, 'AWS::Cognito::UserPoolClient')[logicalId(built.signIn, construct)];

/** How the API stack reads a value of the sign-in stack: the import of the export whose value is `{ Ref: <logical id> }`. */
function importOf(construct: IConstruct): Json {
  const outputs = signIn.findOutputs('*', { Value: { Ref: logicalId(built.signIn, construct) } }) as Record<string, { Export?: { Name: string } }>;
  const exported = Object.values(outputs).filter((o) => o.Export);
  expect(exported).toHaveLength(1);
  return { 'Fn::ImportValue': exported[0].Export!.Name };
}

describe('API stack: the JWT authorizer', () => {
  const authorizer = () => only(api, 'AWS::ApiGatewayV2::Authorizer');
  const routeResource = (key: string) => {
    const matching = Object.values(resources(api, 'AWS::ApiGatewayV2::Route')).filter((r) => r.Properties.RouteKey === key);
    expect(matching, key).toHaveLength(1);
    return matching[0];
  };

  it.each(ROUTES.filter((r) => r.auth === 'signed-in').map((r) => [routeKey(r)]))('%s (signed-in) requires a token of the user pool', (key) => {
    expect(routeResource(key).Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizer()[0] } });
  });

  it.each(ROUTES.filter((r) => r.auth === 'public').map((r) => [routeKey(r)]))('%s (public) has no authorizer', (key) => {
    const props = routeResource(key).Properties;
    expect(props.AuthorizationType).toBe('NONE');
    expect(props).not.toHaveProperty('AuthorizerId');
  });

  it('has both kinds of routes to check (the route table is not all one kind)', () => {
    expect(ROUTES.some((r) => r.auth === 'public')).toBe(true);
    expect(ROUTES.some((r) => r.auth === 'signed-in')).toBe(true);
  });

  it("trusts the user pool's issuer and exactly the web and reporting clients, reading the bearer token", () => {
    const [, resource] = authorizer();
    expect(resource.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const jwt = resource.Properties.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    expect(jwt.Issuer).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', importOf(built.signIn.signIn.userPool)]],
    });
    expect(jwt.Audience).toEqual([importOf(built.signIn.signIn.webClient), importOf(built.signIn.signIn.reportingClient)]);
  });
});

describe('sign-in stack: the user pool', () => {
  it('declares the custom attributes of CLAIMS as mutable strings', () => {
    const schema = pool().Properties.Schema as { Name: string; AttributeDataType?: string; Mutable?: boolean }[];
    const custom = Object.values(CLAIMS).map((claim) => claim.replace(/^custom:/, ''));
    expect(custom).toEqual(['role', 'region', 'ministerId']);
    for (const name of custom) {
      expect(schema, name).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }));
    }
  });

  it('lets only admins create users, who sign in by username (e-mail optional)', () => {
    const props = pool().Properties;
    expect(props.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(props).not.toHaveProperty('UsernameAttributes');
    expect(props).not.toHaveProperty('AliasAttributes');
    expect(props.Schema).toContainEqual({ Name: 'email', Required: false, Mutable: true });
  });

  it('requires MFA with an authenticator app (TOTP) only, no SMS', () => {
    expect(pool().Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(JSON.stringify(pool().Properties.AccountRecoverySetting)).not.toContain('phone');
  });

  it('has a strong password policy', () => {
    const policy = (pool().Properties.Policies as { PasswordPolicy: Json }).PasswordPolicy;
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true });
    expect(policy.MinimumLength).toBe(PASSWORD_POLICY.minLength);
    expect(policy.MinimumLength as number).toBeGreaterThanOrEqual(12);
  });

  it('is on the Plus tier with threat protection enforced', () => {
    expect(pool().Properties).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
  });

  it('is retained when its stack is deleted or it is replaced, and protected against deletion', () => {
    expect(pool().DeletionPolicy).toBe('Retain');
    expect(pool().UpdateReplacePolicy).toBe('Retain');
    expect(pool().Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('lives outside the stateless API stack', () => {
    expect(Object.keys(resources(api, 'AWS::Cognito::UserPool'))).toEqual([]);
    expect(Object.keys(resources(Template.fromStack(built.storage), 'AWS::Cognito::UserPool'))).toEqual([]);
  });
});

describe('sign-in stack: the app clients', () => {
  it('web client: public, SRP or authorization code, 1-hour ID and access tokens, 30-day refresh, no user-existence leaks', () => {
    const props = client(built.signIn.signIn.webClient).Properties;
    expect(props).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect([...(props.ExplicitAuthFlows as string[])].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(props.AllowedOAuthScopes).toContain('openid');
    expect(props.AllowedOAuthScopes).not.toContain('aws.cognito.signin.user.admin');
    expect(props.AllowedOAuthScopes).not.toContain(REPORTING_SCOPE);
    expect((props.CallbackURLs as string[]).length).toBeGreaterThan(0);
  });

  it('web client: ID tokens carry the custom claims, and users cannot write them', () => {
    const props = client(built.signIn.signIn.webClient).Properties;
    expect(props.ReadAttributes).toEqual(expect.arrayContaining(Object.values(CLAIMS)));
    const writable = props.WriteAttributes as string[];
    // An empty or missing list would let users write every attribute, their role included.
    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((a) => a.startsWith('custom:') || a === 'email')).toEqual([]);
  });

  it('reporting client: a secret, the client-credentials flow only, the reporting scope only, no user sign-in', () => {
    const props = client(built.signIn.signIn.reportingClient).Properties;
    expect(props).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 60,
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(props.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);

    // The one scope is `<resource server identifier>/summary.read`, i.e. REPORTING_SCOPE.
    const [serverId, server] = only(signIn, 'AWS::Cognito::UserPoolResourceServer');
    expect(server.Properties.Identifier).toBe(RESOURCE_SERVER);
    const scopes = props.AllowedOAuthScopes as { 'Fn::Join': [string, [{ Ref: string }, string]] }[];
    expect(scopes).toHaveLength(1);
    const [separator, [ref, suffix]] = scopes[0]['Fn::Join'];
    expect(ref).toEqual({ Ref: serverId });
    expect(`${server.Properties.Identifier as string}${separator}${suffix}`).toBe(REPORTING_SCOPE);
    expect(server.Properties.Scopes).toEqual([expect.objectContaining({ ScopeName: REPORTING_SCOPE.slice(RESOURCE_SERVER.length + 1) })]);
  });

  it('are the only two clients of the pool', () => {
    expect(Object.keys(resources(signIn, 'AWS::Cognito::UserPoolClient'))).toHaveLength(2);
  });
});

describe('sign-in stack: domain, outputs, context', () => {
  it('has a Cognito prefix domain, by default xiajiceng-<account id> (resolved at deploy time)', () => {
    const [, domain] = only(signIn, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toEqual({ 'Fn::Join': ['', ['xiajiceng-', { Ref: 'AWS::AccountId' }]] });
    expect(domain.Properties.UserPoolId).toEqual({ Ref: logicalId(built.signIn, built.signIn.signIn.userPool) });
  });

  it('outputs the pool id, both client ids, the token endpoint and the issuer', () => {
    const ids = built.signIn.signIn;
    signIn.hasOutput('UserPoolId', { Value: { Ref: logicalId(built.signIn, ids.userPool) } });
    signIn.hasOutput('WebClientId', { Value: { Ref: logicalId(built.signIn, ids.webClient) } });
    signIn.hasOutput('ReportingClientId', { Value: { Ref: logicalId(built.signIn, ids.reportingClient) } });
    const [domainId] = only(signIn, 'AWS::Cognito::UserPoolDomain');
    signIn.hasOutput('TokenEndpoint', {
      Value: { 'Fn::Join': ['', ['https://', { Ref: domainId }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com/oauth2/token']] },
    });
    signIn.hasOutput('Issuer', {
      Value: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: logicalId(built.signIn, ids.userPool) }]] },
    });
  });

  it('takes the domain prefix from context cognitoDomainPrefix, and refuses one Cognito would refuse', () => {
    const custom = buildApp({ context: { ...SKIP_BUNDLING, cognitoDomainPrefix: 'xjc-qinghai' } });
    const [, domain] = only(Template.fromStack(custom.signIn), 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toBe('xjc-qinghai');
    expect(() => buildApp({ context: { ...SKIP_BUNDLING, cognitoDomainPrefix: 'Xjc_Qinghai' } })).toThrow(/cognitoDomainPrefix/);
    expect(() => buildApp({ context: { ...SKIP_BUNDLING, cognitoDomainPrefix: 'xjc-cognito' } })).toThrow(/cognitoDomainPrefix/);
  });

  it("returns the sign-in pages to the site (its distribution's domain) and to the corsOrigins, or to signInCallbackUrls when given", () => {
    const webClient = (app: XiajicengApp) =>
      resources(Template.fromStack(app.signIn), 'AWS::Cognito::UserPoolClient')[logicalId(app.signIn, app.signIn.signIn.webClient)].Properties;
    const siteExport = Object.values(Template.fromStack(built.site).findOutputs('*', {
      Value: { 'Fn::GetAtt': [logicalId(built.site, built.site.site.distribution), 'DomainName'] },
      Export: Match.anyValue(),
    }) as Record<string, { Export: { Name: string } }>);
    expect(siteExport).toHaveLength(1);
    const siteRoot = { 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': siteExport[0].Export.Name }, '/']] };
    expect(webClient(built)).toMatchObject({ CallbackURLs: [siteRoot], LogoutURLs: [siteRoot] });

    const withCors = buildApp({ context: { ...SKIP_BUNDLING, corsOrigins: 'https://xjc.example.cn' } });
    expect(webClient(withCors).CallbackURLs).toEqual([siteRoot, 'https://xjc.example.cn/']);
    const explicit = buildApp({ context: { ...SKIP_BUNDLING, corsOrigins: 'https://xjc.example.cn', signInCallbackUrls: ['https://xjc.example.cn/signed-in'] } });
    expect(webClient(explicit)).toMatchObject({ CallbackURLs: ['https://xjc.example.cn/signed-in'], LogoutURLs: ['https://xjc.example.cn/signed-in'] });
  });
});

describe('cdk-nag acknowledgements', () => {
  /** Every acknowledged rule of the app: construct path and rule id (`AwsSolutions-APIG4`, `AwsSolutions-IAM5[...]`). */
  const acknowledged = () => built.app.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as Json).map((id) => ({ path: c.node.path, id: id.replace(/^Annotation::/, '') }))));

  it('acknowledges "no authorization" (APIG4, COG4) on the public routes only', () => {
    // The HttpRoute construct of each route key (the parent of its CfnRoute).
    const routePaths = new Map(built.api.node.findAll().filter((c): c is CfnRoute => c instanceof CfnRoute)
      .map((cfn) => [cfn.routeKey, cfn.node.scope!.node.path]));
    const publicRoutes = ROUTES.filter((r) => r.auth === 'public').map((r) => routePaths.get(routeKey(r))).sort();
    expect(publicRoutes).not.toContain(undefined);
    for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      expect(acknowledged().filter((a) => a.id === rule).map((a) => a.path).sort(), rule).toEqual(publicRoutes);
    }
  });

  it('acknowledges nothing about sign-in, and no rule beyond the ones accepted before it', () => {
    expect(acknowledged().filter((a) => a.path.startsWith(built.signIn.node.path))).toEqual([]);
    const ruleIds = new Set(acknowledged().map((a) => a.id.replace(/\[.*$/, '')));
    expect([...ruleIds].sort()).toEqual([
      'AwsSolutions-APIG4', 'AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-COG4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-SQS3',
    ]);
  });

  it("acknowledges on the site only the distribution's missing custom domain, geo restriction and WAF, and the BucketDeployment function's runtime and grants", () => {
    const siteStacks = [built.site, built.siteContent].map((stack) => `${stack.node.path}/`);
    const onSite = acknowledged().filter((a) => siteStacks.some((prefix) => a.path.startsWith(prefix)));
    const at = (path: string) => onSite.filter((a) => a.path === path).map((a) => a.id).sort();

    expect(at(built.site.site.distribution.node.path)).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
    const [deploymentFunction] = built.siteContent.node.findAll().filter((c) => c instanceof CfnFunction);
    expect(at(deploymentFunction.node.path)).toEqual(['AwsSolutions-L1']);
    const role = built.siteContent.node.findChild('DeploymentRole');
    expect(at(role.node.path)).toEqual([
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::XiajicengSite:ExportsOutputFnGetAttSiteBucket\w+Arn\w+\/\*\]$/),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
    ]);
    expect(onSite).toHaveLength(3 + 1 + 8);
  });
});
