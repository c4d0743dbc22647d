import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '#functions/config.ts';
import { ROUTES } from '#functions/route-table.ts';
import { AUTHORIZER_CACHE, AUTHORIZER_HANDLER } from '#infra/api-stack.ts';
import { buildChinaApp, CHINA_REGION, ChinaProfileError, type XiajicengChinaApp } from '#infra/build-china-app.ts';

/**
 * The China profile (`-c profile=china`), synthesised offline as `cdk synth` does (bundling skipped:
 * synth.test.ts bundles the same functions for the global profile), every template checked by cdk-nag.
 */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const ISSUER = 'https://id.qinghai.example.gov.cn/realms/dangjian';
const CONTEXT = {
  ...SKIP_BUNDLING, profile: 'china', oidcIssuer: ISSUER, oidcAudience: 'xiajiceng-web,xiajiceng-reports', oidcAccountClaim: 'phone_number',
  siteDomain: 'xjc.qhdj.example.cn', siteCertificateId: 'ASCAEXAMPLECERTIFICATE1',
};

interface ValidationReport { pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[] }
type Resource = { Type: string; Properties: Record<string, unknown> };

let built: XiajicengChinaApp;
let assembly: CloudAssembly;
let templates: { name: string; text: string }[];

beforeAll(() => {
  built = buildChinaApp({ context: CONTEXT });
  assembly = built.app.synth();
  templates = assembly.stacks.map((s) => ({ name: s.stackName, text: JSON.stringify(s.template) }));
});

const stacksOf = (app: XiajicengChinaApp) => app.app.node.children.filter((c) => Stack.isStack(c));

describe('the China profile', () => {
  it('deploys storage, site, API and site content to Ningxia, with no sign-in stack and no Cognito resource anywhere', () => {
    expect(stacksOf(built).map((s) => s.stackName)).toEqual(['XiajicengStorage', 'XiajicengSite', 'XiajicengApi', 'XiajicengSiteContent']);
    for (const stack of stacksOf(built)) expect(stack.region, stack.stackName).toBe(CHINA_REGION);
    for (const { name, text } of templates) expect(text, name).not.toMatch(/AWS::Cognito::|cognito-idp|amazoncognito/);
  });

  it('writes ARNs in the partition of the region (AWS::Partition, aws-cn in Ningxia), never the global one spelled out', () => {
    for (const { name, text } of templates) {
      expect(text, name).not.toMatch(/arn:aws:/);
      // Every ARN the templates build starts from the partition pseudo parameter, or names aws-cn.
      const starts = [...text.matchAll(/"arn:([^"]*)"(,\{"Ref":"AWS::Partition"\})?/g)];
      for (const [start, rest, partition] of starts) expect(partition !== undefined || /^(aws-cn|\$\{AWS::Partition\}):/.test(rest), `${name}: ${start}`).toBe(true);
    }
    expect(templates.map(({ text }) => text).join('')).toContain('"arn:",{"Ref":"AWS::Partition"}');
  });

  it('keeps the accounts (用户管理) in our own directory: their functions have no pool, and PUT may write the table', () => {
    const api = Template.fromStack(built.api);
    for (const route of ROUTES.filter((r) => r.path.startsWith('/accounts'))) {
      const fn = built.api.functions.get(`${route.method} ${route.path}`);
      const resource = (api.findResources('AWS::Lambda::Function') as Record<string, Resource>)[built.api.getLogicalId(fn!.function.node.defaultChild as CfnElement)];
      const variables = (resource!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[ENV.userPoolId], route.path).toBeUndefined();
      expect(variables[ENV.tableName], route.path).toBeDefined();
      const roleId = built.api.getLogicalId(fn!.role.node.defaultChild as CfnElement);
      const actions = Object.values(api.findResources('AWS::IAM::Policy') as Record<string, Resource>)
        .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((st) => [st.Action].flat()));
      if (route.method === 'PUT') expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem']));
      else expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete)/.test(a))).toEqual([]);
    }
  });

  it("puts the directory authorizer (cached, our function with the issuer's settings) on every signed-in route, none on public ones", () => {
    const api = Template.fromStack(built.api);
    const [authorizerId, authorizer] = Object.entries(api.findResources('AWS::ApiGatewayV2::Authorizer') as Record<string, Resource>)[0];
    expect(Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'))).toHaveLength(1);
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST', AuthorizerPayloadFormatVersion: '2.0', EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'], AuthorizerResultTtlInSeconds: AUTHORIZER_CACHE.toSeconds(),
    });
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>);
    expect(routes).toHaveLength(ROUTES.length);
    for (const spec of ROUTES) {
      const route = routes.find((r) => r.Properties.RouteKey === `${spec.method} ${spec.path}`);
      expect(route, `${spec.method} ${spec.path}`).toBeDefined();
      if (spec.auth === 'signed-in') expect(route!.Properties, spec.path).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
      else expect(route!.Properties.AuthorizationType ?? 'NONE', spec.path).toBe('NONE');
    }
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.oidcIssuer]: ISSUER, [ENV.oidcAudience]: 'xiajiceng-web,xiajiceng-reports', [ENV.oidcAccountClaim]: 'phone_number' }) },
    });
    expect(built.api.authorizer).toBeDefined();
    expect(AUTHORIZER_HANDLER).toBe('auth/authorize');
  });

  it('serves the site on its ICP-filed domain under the IAM certificate, through an origin access identity, with no cache policy', () => {
    const site = Template.fromStack(built.site!);
    const [, distribution] = Object.entries(site.findResources('AWS::CloudFront::Distribution') as Record<string, Resource>)[0];
    const config = distribution.Properties.DistributionConfig as Record<string, Record<string, unknown>>;
    expect(config.Aliases).toEqual(['xjc.qhdj.example.cn']);
    expect(config.ViewerCertificate).toEqual({ IamCertificateId: 'ASCAEXAMPLECERTIFICATE1', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(config.DefaultCacheBehavior.CachePolicyId).toBeUndefined();
    expect(config.DefaultCacheBehavior.ForwardedValues).toEqual({ QueryString: false, Cookies: { Forward: 'none' } });
    expect(Object.keys(site.findResources('AWS::CloudFront::OriginAccessControl'))).toEqual([]);
    expect(Object.keys(site.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity'))).toHaveLength(1);
    expect(built.site!.site.url).toBe('https://xjc.qhdj.example.cn');
  });

  it('reports no cdk-nag finding that is not acknowledged', () => {
    const reportFile = join(assembly.directory, 'validation-report.json');
    const report: ValidationReport = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
    expect(report.pluginReports.flatMap((p) => p.violations.map((v) => `${p.pluginName} ${v.severity} ${v.ruleName}`))).toEqual([]);
    for (const stack of stacksOf(built)) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });

  it('without a domain and certificate deploys no site and says why; without an issuer it does not synthesise', () => {
    const { siteDomain: _d, siteCertificateId: _c, ...withoutSite } = CONTEXT;
    const apiOnly = buildChinaApp({ context: withoutSite });
    expect(stacksOf(apiOnly).map((s) => s.stackName)).toEqual(['XiajicengStorage', 'XiajicengApi']);
    const warnings = Annotations.fromStack(apiOnly.api).findWarning('*', Match.stringLikeRegexp('ICP-filed domain'));
    expect(warnings).toHaveLength(1);
    const { oidcIssuer: _i, ...withoutIssuer } = CONTEXT;
    expect(() => buildChinaApp({ context: withoutIssuer })).toThrow(ChinaProfileError);
    expect(() => buildChinaApp({ context: { ...CONTEXT, siteCertificateId: '' } })).toThrow(/siteDomain=… and -c siteCertificateId=… together/);
  });
});
