import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { type BucketAccess, routeKey, type TableAccess } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { Alarms } from '#infra/alarms.ts';
import { ApiFunction, LOG_RETENTION } from '#infra/api-function.ts';
import { ReportingApi } from '#infra/http-api.ts';
import { NightlyRollup } from '#infra/nightly-rollup.ts';
import { DailyNotices, DecisionNotices, RobotSweep } from '#infra/notices.ts';
import { type Evidence, grantObjects } from '#infra/evidence.ts';
import { grantRobotSecrets } from '#infra/robots.ts';

export interface ApiStackProps extends StackProps {
  /** The table of the storage stack. */
  table: ITable;
  /** The evidence bucket of the storage stack: its name for the routes that presign its URLs, its verify function for an alarm. */
  evidence: Pick<Evidence, 'bucketName' | 'verify'>;
  /** Whose tokens the `signed-in` routes accept (the sign-in stack's user pool and app clients). */
  signIn: TrustedIssuer;
  /** Browser origins allowed by CORS: the site's, and any of context `corsOrigins`. */
  corsOrigins?: readonly string[];
}

/** An OpenID Connect issuer and the client ids it issues tokens to (`aud` of ID tokens, `client_id` of access tokens). */
export interface TrustedIssuer {
  issuer: string;
  audience: readonly string[];
}

/** `records/create` → `RecordsCreate`: a construct id per handler module. */
const functionId = (handler: string) => handler.split(/[/-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** The table access of a handler module: the broadest its routes declare (they all declare the same). */
function accessOf(handler: string): TableAccess {
  const declared = new Set(ROUTES.filter((r) => r.handler === handler).map((r) => r.access));
  return declared.has('write') ? 'write' : declared.has('read') ? 'read' : 'none';
}

/** The evidence bucket access of a handler module: each its routes declare. */
const bucketAccessOf = (handler: string): BucketAccess[] =>
  [...new Set(ROUTES.filter((r) => r.handler === handler).flatMap((r) => (r.bucket ? [r.bucket] : [])))];

/**
 * The stateless stack: the HTTP API (its signed-in routes behind the sign-in stack's JWT authorizer),
 * one function per route with exactly the table access the route declares, and the alarms. Everything
 * here can be destroyed and redeployed without losing data or accounts.
 */
export class ApiStack extends Stack {
  readonly api: ReportingApi;
  readonly alarms: Alarms;
  /** Each route's function, by route key (`GET /visits/{id}`); the routes of one handler module share it. */
  readonly functions: ReadonlyMap<string, ApiFunction>;
  /** The scheduled rollup (no route). */
  readonly rollup: NightlyRollup;
  readonly decisionNotices: DecisionNotices;
  readonly dailyNotices: DailyNotices;
  readonly robotSweep: RobotSweep;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong (Export/ImportValue): CloudFormation refuses to delete the storage stack while this one
    // uses the table, and it works in every region, the China regions included.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    // API Gateway checks each token's signature (the issuer's JWKS), expiry, `iss`, and `aud` (ID
    // tokens) or `client_id` (access tokens) before the function runs; the function decides on the
    // role, region and scope the claims carry (functions/auth).
    const signInAuthorizer = new HttpJwtAuthorizer('SignIn', props.signIn.issuer, {
      authorizerName: 'sign-in',
      jwtAudience: [...props.signIn.audience],
    });
    this.api = new ReportingApi(this, 'Api', {
      signInAuthorizer,
      corsOrigins: props.corsOrigins ?? [],
      corsMethods: [...new Set(ROUTES.map((r) => r.method))],
      logRetention: LOG_RETENTION,
    });
    this.alarms = new Alarms(this, 'Alarms');
    this.alarms.onServerErrors('ApiServerErrors', this.api.httpApi);

    // One function per handler module: `records/create` serves POST /visits, POST /problems, … alike
    // (the same code and the same table access), so a new kind of record adds routes, not functions.
    const byModule = new Map<string, ApiFunction>();
    const functions = new Map<string, ApiFunction>();
    for (const route of ROUTES) {
      let fn = byModule.get(route.handler);
      if (!fn) {
        const id = functionId(route.handler);
        fn = new ApiFunction(this, id, { handler: route.handler });
        fn.bindTable(props.table, accessOf(route.handler));
        for (const access of bucketAccessOf(route.handler)) grantObjects(fn, props.evidence.bucketName, access);
        if (ROUTES.some((r) => r.handler === route.handler && r.robotSecrets)) grantRobotSecrets(fn, 'write');
        this.alarms.onFunctionErrors(`${id}Errors`, fn.function);
        byModule.set(route.handler, fn);
      }
      this.api.addRoute(route, fn.function);
      functions.set(routeKey(route), fn);
    }
    this.functions = functions;

    this.rollup = new NightlyRollup(this, 'NightlyRollup', { table: props.table, alarms: this.alarms });
    this.decisionNotices = new DecisionNotices(this, 'DecisionNotices', { table: props.table, alarms: this.alarms });
    this.dailyNotices = new DailyNotices(this, 'DailyNotices', { table: props.table, alarms: this.alarms });
    this.robotSweep = new RobotSweep(this, 'RobotSweep', { table: props.table, alarms: this.alarms });
    // The verify function lives beside its bucket; its failures (S3 retries twice) alarm here like every function's.
    this.alarms.onFunctionErrors('VerifyErrors', props.evidence.verify.function);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe here to receive the alarms' });
  }
}
