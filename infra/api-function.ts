import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, OBSERVABILITY } from '#functions/config.ts';
import type { TableAccess } from '#functions/routes.ts';
import { handlerEntry, LAMBDA_BUNDLING } from '#infra/bundling.ts';
import { acknowledgeTableIndexWildcard } from '#infra/nag-acknowledgements.ts';

/** Pinned rather than NODEJS_LATEST, so a CDK upgrade never changes the runtime behind our back. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** How long function logs (and the API's access logs) are kept: the durable audit trail is the table's change entries. */
export const LOG_RETENTION = RetentionDays.ONE_MONTH;

/** `records/create` → `RecordsCreate`: a construct id per handler module. */
export const functionId = (handler: string) => handler.split(/[/-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

const OUTPUT_FORMAT = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

export interface ApiFunctionProps {
  /** Module under `functions/handlers/` (a route's `handler`); it exports `handler`. */
  handler: string;
  /** Only for functions no HTTP request waits on (the rollup); API functions keep the default. */
  timeout?: Duration;
}

/**
 * One Lambda function of the API with the house defaults: the handler module bundled by the local
 * esbuild (small minified ESM, AWS SDK included), arm64 on the pinned Node.js runtime, its own log
 * group with a retention, and its own role that may only write to that log group until a table is
 * bound with `bindTable`.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    // Functions come and go with the stateless stack; the retention bounds what is kept meanwhile.
    this.logGroup = new LogGroup(this, 'Logs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });

    // An own role instead of the default one with AWSLambdaBasicExecutionRole (which may write to any log group).
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      // Graviton: cheaper per GB-second and at least as fast for this JSON-in, JSON-out work.
      architecture: Architecture.ARM_64,
      // Lambda's CPU share grows with memory; 512 MB keeps cold starts (module load, zod schemas) short.
      memorySize: 512,
      // Above the DynamoDB client's worst case (3 attempts × (1 s connect + 3 s request)), so a stuck call
      // ends as the handler's 503 rather than a Lambda timeout; below the HTTP API's 30 s integration limit.
      timeout: props.timeout ?? Duration.seconds(15),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        [ENV.serviceName]: OBSERVABILITY.service,
        [ENV.metricsNamespace]: OBSERVABILITY.namespace,
      },
      bundling: {
        format: OUTPUT_FORMAT[LAMBDA_BUNDLING.format],
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        // The construct declares a `charset` option but does not pass it on to esbuild (aws-cdk-lib 2.276): given here.
        esbuildArgs: { '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([from, to]) => `${from}=${to}`), '--charset': LAMBDA_BUNDLING.charset },
        // Bundle the SDK instead of using the runtime's copy: pinned versions, tree-shaken, one file to load.
        bundleAwsSDK: true,
        // Never fall back to Docker: the local esbuild (a devDependency) builds every bundle.
        forceDockerBundling: false,
      },
    });
  }

  /**
   * Gives the function the table's name and exactly the access its route declares: `read` may only
   * read; `write` reads and writes (idempotency and version checks read before writing); `none`
   * gets neither the name nor any permission.
   */
  bindTable(table: ITable, access: TableAccess): void {
    if (access === 'none') return;
    this.function.addEnvironment(ENV.tableName, table.tableName);
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    acknowledgeTableIndexWildcard(this.role, table);
  }
}
