import { type CfnElement, type Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '#functions/config.ts';
import { RECORD_OPERATIONS, type RecordOperation, recordRouteKey, routeKey, type RouteSpec } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { KINDS } from '#schemas/kinds/index.ts';
import { type IndexDefinition, KEY_ATTRIBUTES, TABLE_DEFINITION } from '#functions/table.ts';
import { LAMBDA_RUNTIME, LOG_RETENTION } from '#infra/api-function.ts';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';
import { LAMBDA_BUNDLING } from '#infra/bundling.ts';
import { ACCESS_LOG_FIELDS, THROTTLE } from '#infra/http-api.ts';

const FORMS = KINDS.map((kind) => kind.form);

/**
 * The stacks as CloudFormation sees them, checked against the route table and the table definition.
 * Bundling is skipped here (the templates do not depend on it); synth.test.ts bundles for real.
 */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }

/** DynamoDB actions that change data or tables; a `read` route must have none of them. */
const WRITE_ACTION = /^dynamodb:(\*|Put|Update|Delete|BatchWrite|PartiQL(Insert|Update|Delete)|TransactWrite|Create|Restore|Import)/;

let built: XiajicengApp;
let api: Template;
let storage: Template;

beforeAll(() => {
  built = buildApp({ context: SKIP_BUNDLING });
  api = Template.fromStack(built.api);
  storage = Template.fromStack(built.storage);
});

const resources = (template: Template, type: string): Record<string, Resource> => template.findResources(type) as Record<string, Resource>;
const logicalId = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const functionOf = (route: RouteSpec) => {
  const fn = built.api.functions.get(routeKey(route));
  if (!fn) throw new Error(`no function for ${routeKey(route)}`);
  return fn;
};
const functionResource = (route: RouteSpec): Resource => resources(api, 'AWS::Lambda::Function')[logicalId(built.api, functionOf(route).function)];

/** Every action of the statements of the policies attached to the route's function role. */
function dynamoStatements(route: RouteSpec): { actions: string[]; resources: unknown[] }[] {
  const roleId = logicalId(built.api, functionOf(route).role);
  return Object.values(resources(api, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
    .map((s) => ({ actions: [s.Action].flat(), resources: [s.Resource].flat() }))
    .filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')));
}

/** The export under which the storage stack publishes the table's ARN, as the API stack imports it. */
function tableArnImport(): Json {
  const tableId = logicalId(built.storage, built.storage.table);
  const outputs = storage.findOutputs('*', { Value: { 'Fn::GetAtt': [tableId, 'Arn'] } }) as Record<string, { Export: { Name: string } }>;
  const [output] = Object.values(outputs);
  return { 'Fn::ImportValue': output.Export.Name };
}

describe('storage stack: the table is TABLE_DEFINITION', () => {
  const table = () => Object.values(resources(storage, 'AWS::DynamoDB::Table'))[0];

  it('has exactly one table, with the declared keys, all strings', () => {
    expect(Object.keys(resources(storage, 'AWS::DynamoDB::Table'))).toHaveLength(1);
    expect(table().Properties.KeySchema).toEqual([
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
    ]);
    const attributes = table().Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(attributes.map((a) => a.AttributeName).sort()).toEqual([...KEY_ATTRIBUTES].sort());
    expect(new Set(attributes.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });

  it('has each declared GSI with its keys and its declared projection (every attribute unless keys only), and no other', () => {
    const gsis = table().Properties.GlobalSecondaryIndexes as Json[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(TABLE_DEFINITION.indexes.map((i) => i.name).sort());
    for (const index of TABLE_DEFINITION.indexes as readonly IndexDefinition[]) {
      expect(gsis, index.name).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection ?? 'ALL' },
      });
    }
  });

  it('builds only the first N indexes with context tableIndexes (an existing table gains one a deploy), and refuses a count it cannot build', () => {
    const stepped = Template.fromStack(buildApp({ context: { ...SKIP_BUNDLING, tableIndexes: '4' } }).storage);
    const [steppedTable] = Object.values(resources(stepped, 'AWS::DynamoDB::Table'));
    const names = (steppedTable.Properties.GlobalSecondaryIndexes as Json[]).map((g) => g.IndexName);
    expect(names).toEqual(TABLE_DEFINITION.indexes.slice(0, 4).map((i) => i.name));
    for (const bad of ['0', '2.5', String(TABLE_DEFINITION.indexes.length + 1), 'all']) {
      expect(() => buildApp({ context: { ...SKIP_BUNDLING, tableIndexes: bad } }), bad).toThrow(/tableIndexes/);
    }
  });

  it('expires items by the declared TTL attribute', () => {
    expect(table().Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true });
  });

  it('is guarded against loss: PITR, deletion protection, retained on stack deletion and replacement', () => {
    expect(table().Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
    });
    expect(table().DeletionPolicy).toBe('Retain');
    expect(table().UpdateReplacePolicy).toBe('Retain');
  });

  it('outputs the table name', () => {
    storage.hasOutput('TableName', { Value: { Ref: logicalId(built.storage, built.storage.table) } });
  });
});

describe('API stack: one route per entry of ROUTES, one function per handler module', () => {
  it('routes every route key to an integration with its handler module\'s function', () => {
    const routes = resources(api, 'AWS::ApiGatewayV2::Route');
    const integrations = resources(api, 'AWS::ApiGatewayV2::Integration');
    expect(Object.values(routes).map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map(routeKey).sort());

    const targets = new Set<string>();
    for (const route of ROUTES) {
      const [httpRoute] = Object.values(routes).filter((r) => r.Properties.RouteKey === routeKey(route));
      const integrationId = JSON.stringify(httpRoute.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      const integration = integrations[integrationId];
      expect(integration?.Properties, routeKey(route)).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalId(built.api, functionOf(route).function), 'Arn'] },
      });
      targets.add(JSON.stringify(integration.Properties.IntegrationUri));
    }
    expect(targets.size, 'each handler module has a function of its own').toBe(new Set(ROUTES.map((r) => r.handler)).size);
  });

  it('gives every kind of the form catalogue its seven routes, on the shared record functions', () => {
    const routeKeys = new Set(Object.values(resources(api, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey));
    for (const form of FORMS) {
      for (const operation of Object.keys(RECORD_OPERATIONS) as RecordOperation[]) {
        const key = recordRouteKey(operation, form);
        expect(routeKeys.has(key), key).toBe(true);
        expect(built.api.functions.get(key)).toBe(built.api.functions.get(recordRouteKey(operation, FORMS[0])));
      }
    }
  });

  // CloudFormation refuses a stack of more than 500 resources; each new handler module adds about
  // six (function, role, policy, log group, alarm, integration, permission), each route one.
  it('stays well within CloudFormation\'s 500 resources a stack', () => {
    const count = Object.keys(api.toJSON().Resources as object).length;
    expect(count).toBeLessThanOrEqual(450);
  });

  it("gives the accounts functions (用户管理) the user pool's id and exactly its six admin actions on that pool; no other function any", () => {
    const poolArn = built.api.resolve(built.signIn.signIn.userPool.userPoolArn);
    const poolId = built.api.resolve(built.signIn.signIn.userPool.userPoolId);
    const cognitoStatements = (route: RouteSpec) => {
      const roleId = logicalId(built.api, functionOf(route).role);
      return Object.values(resources(api, 'AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
        .filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')));
    };
    for (const route of ROUTES) {
      const statements = cognitoStatements(route);
      if (!route.path.startsWith('/accounts')) {
        expect(statements, routeKey(route)).toEqual([]);
        continue;
      }
      expect(statements.map((st) => ({ actions: [st.Action].flat().sort(), resource: st.Resource })), routeKey(route)).toEqual([{
        actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:ListUsers'],
        resource: poolArn,
      }]);
      expect((functionResource(route).Properties.Environment as { Variables: Json }).Variables[ENV.userPoolId], routeKey(route)).toEqual(poolId);
    }
  });

  it('lets API Gateway invoke each function', () => {
    for (const route of ROUTES) {
      api.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(built.api, functionOf(route).function), 'Arn'] },
      });
    }
  });

  it.each(ROUTES.filter((r) => r.access === 'write').map((r) => [routeKey(r), r] as const))(
    '%s (write) may read and write this table only',
    (_key, route) => {
      const statements = dynamoStatements(route);
      const actions = statements.flatMap((s) => s.actions);
      // A transaction needs the per-item actions of its parts; there is no separate TransactWriteItems permission.
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']));
      const arn = tableArnImport();
      for (const s of statements) expect(s.resources).toEqual([arn, { 'Fn::Join': ['', [arn, '/index/*']] }]);
    },
  );

  it.each(ROUTES.filter((r) => r.access === 'read').map((r) => [routeKey(r), r] as const))(
    '%s (read) may read this table and write nothing',
    (_key, route) => {
      const statements = dynamoStatements(route);
      const actions = statements.flatMap((s) => s.actions);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((a) => WRITE_ACTION.test(a))).toEqual([]);
      const arn = tableArnImport();
      for (const s of statements) expect(s.resources).toEqual([arn, { 'Fn::Join': ['', [arn, '/index/*']] }]);
    },
  );

  it.each(ROUTES.filter((r) => r.access === 'none').map((r) => [routeKey(r), r] as const))(
    '%s (none) has no DynamoDB permission and does not know the table',
    (_key, route) => {
      expect(dynamoStatements(route)).toEqual([]);
      expect(functionResource(route).Properties.Environment).not.toHaveProperty(['Variables', ENV.tableName]);
    },
  );

  it('gives the table name to exactly the functions with table access, and never a DynamoDB endpoint', () => {
    for (const route of ROUTES) {
      const variables = (functionResource(route).Properties.Environment as { Variables: Json }).Variables;
      if (route.access !== 'none') expect(variables[ENV.tableName], routeKey(route)).toEqual(expect.objectContaining({ 'Fn::ImportValue': expect.any(String) }));
      expect(variables, routeKey(route)).not.toHaveProperty(ENV.dynamodbEndpoint);
      expect(variables).toMatchObject({ [ENV.serviceName]: 'xiajiceng', [ENV.metricsNamespace]: 'Xiajiceng' });
    }
  });

  it('runs every function on arm64 and the pinned runtime, inside the API timeout, logging to a log group with retention', () => {
    const logGroups = resources(api, 'AWS::Logs::LogGroup');
    for (const route of ROUTES) {
      const props = functionResource(route).Properties;
      expect(props, routeKey(route)).toMatchObject({ Architectures: ['arm64'], Runtime: LAMBDA_RUNTIME.name, Handler: 'index.handler' });
      expect(props.Timeout as number).toBeLessThan(30);
      const logGroupId = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(logGroups[logGroupId]?.Properties.RetentionInDays, routeKey(route)).toBe(LOG_RETENTION);
    }
  });

  it('bundles for the Node.js major of the runtime', () => {
    expect(LAMBDA_BUNDLING.target).toBe(LAMBDA_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1'));
  });
});

describe('API stack: stage, alarms, outputs', () => {
  it('throttles the $default stage and writes JSON access logs with the request id, route, status and latency', () => {
    const [stage] = Object.values(resources(api, 'AWS::ApiGatewayV2::Stage'));
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: THROTTLE.rateLimit, ThrottlingBurstLimit: THROTTLE.burstLimit },
    });
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status', responseLatency: '$context.responseLatency',
    });
    expect(settings.Format).toBe(JSON.stringify(ACCESS_LOG_FIELDS));
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(resources(api, 'AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(LOG_RETENTION);
  });

  it('alarms on each function\'s errors and on the API\'s 5xx, notifying the encrypted topic', () => {
    const topicId = logicalId(built.api, built.api.alarms.topic);
    expect(resources(api, 'AWS::SNS::Topic')[topicId]?.Properties.KmsMasterKeyId).toBeDefined();
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });

    for (const route of ROUTES) {
      api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(built.api, functionOf(route).function) } }],
        AlarmActions: [{ Ref: topicId }],
      });
    }
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(built.api, built.api.api.httpApi) } }],
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('outputs the API URL', () => {
    api.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });

  it("allows the site's origin (from the site stack), then those of context corsOrigins, and the methods the routes use", () => {
    const withCors = buildApp({ context: { ...SKIP_BUNDLING, corsOrigins: 'https://xjc.example.cn, https://admin.xjc.example.cn/' } });
    const [httpApi] = Object.values(resources(Template.fromStack(withCors.api), 'AWS::ApiGatewayV2::Api'));
    const cors = httpApi.Properties.CorsConfiguration as { AllowOrigins: unknown[]; AllowMethods: string[] };
    const siteOrigin = withCors.api.resolve(withCors.site.site.url);
    expect(siteOrigin).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::ImportValue': expect.stringMatching(/^XiajicengSite:.*DomainName/) }]] });
    expect(cors.AllowOrigins).toEqual([siteOrigin, 'https://xjc.example.cn', 'https://admin.xjc.example.cn']);
    expect([...cors.AllowMethods].sort()).toEqual([...new Set(ROUTES.map((r) => r.method))].sort());
  });

  it('lets the pages send their token, JSON, language and If-Match, and read the ETag', () => {
    const [httpApi] = Object.values(resources(api, 'AWS::ApiGatewayV2::Api'));
    const cors = httpApi.Properties.CorsConfiguration as { AllowOrigins: unknown[]; AllowHeaders: string[]; ExposeHeaders: string[] };
    expect(cors.AllowOrigins).toEqual([built.api.resolve(built.site.site.url)]);
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'accept-language', 'if-match']));
    expect(cors.ExposeHeaders).toContain('etag');
  });

  it('leaves account and region to deploy time, so synthesis needs no credentials', () => {
    for (const stack of [built.api, built.storage, built.signIn, built.site, built.siteContent]) {
      expect(Token.isUnresolved(stack.account), stack.stackName).toBe(true);
      expect(Token.isUnresolved(stack.region), stack.stackName).toBe(true);
    }
  });
});
