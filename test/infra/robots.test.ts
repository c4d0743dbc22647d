import { type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';
import { ROBOT_PARAMETER_PREFIX } from '#infra/robots.ts';
import { ROBOT_ROUTES } from '#functions/robot-routes.ts';
import { routeKey } from '#functions/routes.ts';

let built: XiajicengApp;
let api: Template;

beforeAll(() => {
  built = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
  api = Template.fromStack(built.api);
});

const fnOf = (key: string) => built.api.functions.get(key)!;
const roleId = (key: string) => built.api.getLogicalId(fnOf(key).role.node.defaultChild as CfnElement);
const policiesOf = (key: string) => Object.values(api.findResources('AWS::IAM::Policy'))
  .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId(key) }]));

describe("robots' credentials", () => {
  it('the routes that set or remove a robot may read, write and delete the parameters under the robots\' path only, and are told the path', () => {
    for (const route of ROBOT_ROUTES.filter((r) => 'robotSecrets' in r)) {
      const key = routeKey(route);
      api.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId(key) }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
          Action: ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:DeleteParameter'],
          Resource: { 'Fn::Join': ['', Match.arrayWith([`:parameter${ROBOT_PARAMETER_PREFIX}/*`])] },
        })]) },
      });
      const fnId = built.api.getLogicalId(fnOf(key).function.node.defaultChild as CfnElement);
      expect(api.findResources('AWS::Lambda::Function')[fnId].Properties.Environment.Variables.ROBOT_PARAMETER_PREFIX).toBe(ROBOT_PARAMETER_PREFIX);
    }
  });

  it('reading a robot needs no credential: GET /robots/{regionCode} has no SSM permission', () => {
    const key = 'GET /robots/{regionCode}';
    expect(JSON.stringify(policiesOf(key))).not.toContain('ssm:');
  });

  it.each(['decisionNotices', 'dailyNotices'] as const)('the %s function may only read the robots\' credentials, to post to them', (which) => {
    const roleId = built.api.getLogicalId(built.api[which].fn.role.node.defaultChild as CfnElement);
    const policies = JSON.stringify(Object.values(api.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }])));
    expect(policies).toContain('"ssm:GetParameter"');
    expect(policies).not.toMatch(/ssm:PutParameter|ssm:DeleteParameter/);
  });
});
