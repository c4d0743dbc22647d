import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute, type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '#functions/routes.ts';
import { acknowledgeOpenRoute } from '#infra/nag-acknowledgements.ts';
import { functionId } from '#infra/api-function.ts';

/**
 * One JSON line per request (HTTP API $context variables). No request or response bodies: they hold
 * people's names and words. The caller is the token's `sub` (a user, or a reporting client's id;
 * empty on public routes), the source IP the only trace of a caller without a valid token.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  protocol: '$context.protocol',
  caller: '$context.authorizer.claims.sub',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

/**
 * Steady rate and burst (requests per second) of the whole API. About 160 reporters all sending in
 * the same minute average under 3 requests/s, so 50/100 leaves ample room for retries and browsing
 * while capping a runaway client (or a flood of unauthenticated requests) far below the account's
 * Lambda concurrency, which the other functions of the account share.
 */
export const THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

export interface ReportingApiProps {
  /** Browser origins allowed to call the API (the web front end); none: no CORS answers at all. */
  corsOrigins: readonly string[];
  /** Methods the routes use; the CORS preflight allows exactly these. */
  corsMethods: readonly RouteSpec['method'][];
  /** The authorizer of every `signed-in` route (the JWT authorizer of the user pool). */
  signInAuthorizer: IHttpRouteAuthorizer;
  logRetention: RetentionDays;
}

/** The HTTP API: its `$default` stage with throttling and JSON access logs, and one route per RouteSpec. */
export class ReportingApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly props: ReportingApiProps;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: ReportingApiProps) {
    super(scope, id);
    this.props = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'xiajiceng',
      description: '下基层 reporting API (v1)',
      // The stage is made below, where throttling and access logging can be set.
      createDefaultStage: false,
      corsPreflight: props.corsOrigins.length === 0 ? undefined : {
        allowOrigins: [...props.corsOrigins],
        allowMethods: props.corsMethods.map((m) => CorsHttpMethod[m]),
        allowHeaders: ['content-type', 'accept-language', 'if-match', 'if-none-match', 'authorization'],
        exposeHeaders: ['etag', 'location', 'retry-after'],
        // Browsers cap this anyway (Chrome: 2 h); a day saves a preflight per request on the others.
        maxAge: Duration.days(1),
      },
    });

    // Access logs are operational, not the audit trail (that is the table's change entries).
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });

    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The stage URL (the `$default` stage has no path segment). */
  get url(): string {
    return this.stage.url;
  }

  /**
   * Routes `METHOD /path` of the spec to the function. The routes of one function share its
   * integration and one permission for this API's routes to invoke it: per route, they were two
   * resources each and took the stack past CloudFormation's 500 (see the stacks test's count).
   */
  addRoute(route: RouteSpec, fn: IFunction): HttpRoute {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${functionId(route.handler)}Integration`, fn, { scopePermissionToRoute: false });
      this.integrations.set(fn, integration);
    }
    const [httpRoute] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration,
      authorizer: route.auth === 'signed-in' ? this.props.signInAuthorizer : undefined,
    });
    if (route.auth === 'public') acknowledgeOpenRoute(httpRoute, route);
    return httpRoute;
  }
}
