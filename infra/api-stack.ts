import { CfnOutput, CrossStackReferences, Duration, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { ENV } from '#functions/config.ts';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { type BucketAccess, routeKey, type TableAccess } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { Alarms } from '#infra/alarms.ts';
import { ApiFunction, functionId, LOG_RETENTION } from '#infra/api-function.ts';
import { ReportingApi } from '#infra/http-api.ts';
import { NightlyRollup } from '#infra/nightly-rollup.ts';
import { DailyNotices, DecisionNotices, RobotSweep } from '#infra/notices.ts';
import { type Evidence, grantObjects } from '#infra/evidence.ts';
import { grantRobotSecrets } from '#infra/robots.ts';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { ACCOUNT_HANDLERS, grantAccountPool } from '#infra/accounts.ts';

export interface ApiStackProps extends StackProps {
  /** The table of the storage stack. */
  table: ITable;
  /** The evidence bucket of the storage stack: its name for the routes that presign its URLs, its verify function for an alarm. */
  evidence: Pick<Evidence, 'bucketName' | 'verify'>;
  /**
   * Whose tokens the `signed-in` routes accept: `jwt`, the sign-in stack's user pool and app clients,
   * checked by API Gateway's JWT authorizer, whose claims carry each person's role and region; or
   * `directory`, another OpenID Connect issuer (the China profile, where there is no user pool),
   * whose tokens our authorizer function checks and whose people our own directory (the table's
   * accounts) gives a role and region.
   */
  signIn: { jwt: TrustedIssuer } | { directory: DirectoryIssuer };
  /** The sign-in stack's user pool, whose admin API keeps the accounts (用户管理); none in the China profile (our own directory). */
  accountPool?: IUserPool;
  /** Browser origins allowed by CORS: the site's, and any of context `corsOrigins`. */
  corsOrigins?: readonly string[];
}

/** An OpenID Connect issuer and the client ids it issues tokens to (`aud` of ID tokens, `client_id` of access tokens). */
export interface TrustedIssuer {
  issuer: string;
  audience: readonly string[];
}

/** Another issuer, and the claim of its tokens that names an account of our directory (`sub`, `phone_number`, …). */
export interface DirectoryIssuer extends TrustedIssuer {
  accountClaim: string;
}

/** The directory's authorizer function (not a route: API Gateway calls it before every signed-in route's). */
export const AUTHORIZER_HANDLER = 'auth/authorize';

/** How long API Gateway keeps an authorizer's answer for one Authorization header: a disabled account is refused within this. */
export const AUTHORIZER_CACHE = Duration.minutes(5);


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
  /** The directory's authorizer function (the China profile); none with the user pool's JWT authorizer. */
  authorizer?: ApiFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong (Export/ImportValue): CloudFormation refuses to delete the storage stack while this one
    // uses the table, and it works in every region, the China regions included.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    // API Gateway checks each token's signature (the issuer's JWKS), expiry, `iss`, and `aud` (ID
    // tokens) or `client_id` (access tokens) before the function runs; the function decides on the
    // role, region and scope the claims carry (functions/auth).
    const signInAuthorizer = 'jwt' in props.signIn
      ? new HttpJwtAuthorizer('SignIn', props.signIn.jwt.issuer, { authorizerName: 'sign-in', jwtAudience: [...props.signIn.jwt.audience] })
      : this.directoryAuthorizer(props.table, props.signIn.directory);
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
        if (props.accountPool && ACCOUNT_HANDLERS.has(route.handler)) grantAccountPool(fn, props.accountPool);
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

    if (this.authorizer) this.alarms.onFunctionErrors('AuthorizerErrors', this.authorizer.function);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe here to receive the alarms' });
  }

  /**
   * The authorizer of the `directory` path: our function checks the issuer's token and reads the
   * account (table read only); API Gateway keeps its answer per Authorization header for
   * AUTHORIZER_CACHE, so a page's burst of requests costs one check.
   */
  private directoryAuthorizer(table: ITable, issuer: DirectoryIssuer): HttpLambdaAuthorizer {
    const fn = new ApiFunction(this, 'Authorizer', { handler: AUTHORIZER_HANDLER });
    fn.bindTable(table, 'read');
    fn.function.addEnvironment(ENV.oidcIssuer, issuer.issuer);
    fn.function.addEnvironment(ENV.oidcAudience, issuer.audience.join(','));
    fn.function.addEnvironment(ENV.oidcAccountClaim, issuer.accountClaim);
    this.authorizer = fn;
    return new HttpLambdaAuthorizer('Directory', fn.function, {
      authorizerName: 'directory',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: AUTHORIZER_CACHE,
    });
  }
}
