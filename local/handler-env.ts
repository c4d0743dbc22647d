import { ENV, type LOG_LEVELS } from '#functions/config.ts';

/** DynamoDB Local takes any region; this is the one the local stack names. */
export const LOCAL_AWS_REGION = 'cn-northwest-1';

/**
 * Points the handlers at a DynamoDB Local table. They read their configuration once, when their
 * module is first imported (as on a cold start), so this must run before the first request.
 * Writing is all local code does with `process.env`; reading it is functions/config.ts's job.
 */
export function exposeTableToHandlers(table: { tableName: string; dynamodbEndpoint: string }): void {
  process.env[ENV.tableName] = table.tableName;
  process.env[ENV.dynamodbEndpoint] = table.dynamodbEndpoint;
  // DynamoDB Local takes any credentials and region, but the SDK will not sign without some, and
  // must not pick up a developer's real ones from ~/.aws.
  process.env.AWS_REGION = LOCAL_AWS_REGION;
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  // Locally, EMF metric lines would only clutter the console (on AWS they become CloudWatch metrics),
  // and the SDK's notice about Node 20 concerns this machine, not Lambda's Node 24 runtime.
  process.env[ENV.metricsDisabled] = 'true';
  quietSdkNodeNotice();
}

/**
 * Points the handlers at the local S3-compatible server's evidence bucket (read once, on first use,
 * like the table): the functions presign its URLs and the verify function reads from it.
 */
export function exposeEvidenceToHandlers(evidence: { bucket: string; endpoint: string }): void {
  process.env[ENV.evidenceBucket] = evidence.bucket;
  process.env[ENV.s3Endpoint] = evidence.endpoint;
}

/**
 * Where the robots' functions keep robots' credentials locally (a file outside git, standing in for
 * SSM's SecureStrings), and the local robot receiver's origin, which they accept as a robot's host.
 */
export function exposeRobotsToHandlers(robots: { secretsFile: string; receiverOrigin?: string }): void {
  process.env[ENV.robotSecretsFile] = robots.secretsFile;
  if (robots.receiverOrigin !== undefined) process.env[ENV.robotReceiverOrigin] = robots.receiverOrigin;
}

/** The least severe handler log line written (read when a handler first logs). */
export function setHandlerLogLevel(level: (typeof LOG_LEVELS)[number]): void {
  process.env[ENV.logLevel] = level;
}

/** The SDK's notice that later versions need Node 22 concerns this machine's Node 20, not Lambda's Node 24. */
export function quietSdkNodeNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
