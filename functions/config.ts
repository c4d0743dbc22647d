import * as z from 'zod/mini';

/**
 * The only reader of `process.env`. Each part of the system asks for the slice it needs; a slice
 * is validated once, on first use, and a missing or malformed value fails the cold start loudly.
 */
// Each slice's schema is made when the slice is first read: building them all at import was a few
// milliseconds of every cold start (zod builds an object's shape when it is made).
const tableEnv = () => z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  /** Set locally to DynamoDB Local's URL; unset on AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'cn-northwest-1'),
});

/** The evidence bucket (photos and PDFs records name); locally also the S3-compatible server's URL. */
const evidenceEnv = () => z.object({
  EVIDENCE_BUCKET: z.string().check(z.minLength(3)),
  /** Set locally to the S3-compatible server's URL (path-style addressing); unset on AWS. */
  S3_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'cn-northwest-1'),
});

const localEnv = () => z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65535)), 3000),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATA_DIR: z._default(z.string(), '.local'),
  /** The table's name locally; on AWS the stack names it. */
  LOCAL_TABLE_NAME: z._default(z.string().check(z.minLength(3)), 'xiajiceng-local'),
});

/** What the functions' logs and metrics are filed under: CDK sets them, the alarms read metrics under them. */
export const OBSERVABILITY = {
  service: 'xiajiceng',
  namespace: 'Xiajiceng',
  /** 1 once a day's snapshot exists (the nightly rollup); the missing-snapshot alarm watches it. */
  snapshotReady: 'SnapshotReady',
  /** 1 after a refresh of the day under way (the intraday rollup); no alarm watches it. */
  provisionalReady: 'ProvisionalReady',
} as const;

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

const observabilityEnv = () => z.object({
  /** The least severe log line written; SILENT writes none. */
  LOG_LEVEL: z._default(z.enum(LOG_LEVELS), 'INFO'),
  /** `true` locally and in tests: no EMF lines (on AWS they become CloudWatch metrics). Plain enums: zod's stringbool weighs 2 KB. */
  METRICS_DISABLED: z._default(z.enum(['true', 'false']), 'false'),
  SERVICE_NAME: z._default(z.string().check(z.minLength(1)), OBSERVABILITY.service),
  METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1), z.maxLength(255)), OBSERVABILITY.namespace),
});

/** Where the rollup tells people of a night that went wrong (the alarm topic); unset locally, where the CLI prints. */
const alertEnv = () => z.object({ ALARM_TOPIC_ARN: z.optional(z.string().check(z.minLength(1))) });

/**
 * Where robots' credentials are kept: locally a file in the data folder; on AWS SecureString
 * parameters under a path prefix, given only to the functions that set or remove robots. At most one
 * is set. Locally also the robot receiver's origin.
 */
const robotEnv = () => z.object({
  ROBOT_SECRETS_FILE: z.optional(z.string().check(z.minLength(1))),
  ROBOT_PARAMETER_PREFIX: z.optional(z.string().check(z.regex(/^\/[\w./-]+[^/]$/))),
  ROBOT_RECEIVER_ORIGIN: z.optional(z.url()),
  AWS_REGION: z._default(z.string(), 'cn-northwest-1'),
}).check(z.refine((env) => env.ROBOT_SECRETS_FILE === undefined || env.ROBOT_PARAMETER_PREFIX === undefined, {
  message: 'set at most one of ROBOT_SECRETS_FILE and ROBOT_PARAMETER_PREFIX', path: ['ROBOT_PARAMETER_PREFIX'],
}));

/**
 * The OpenID Connect issuer whose tokens the directory's authorizer accepts (the China profile), the
 * client ids they may be issued to (comma-separated), and the claim naming an account.
 */
const oidcEnv = () => z.object({
  OIDC_ISSUER: z.url(),
  OIDC_AUDIENCE: z.string().check(z.minLength(1)),
  OIDC_ACCOUNT_CLAIM: z._default(z.string().check(z.minLength(1)), 'sub'),
});

/** 用户管理: the user pool whose admin API keeps the accounts (global profile); unset, our own table does. */
const accountEnv = () => z.object({
  USER_POOL_ID: z.optional(z.string().check(z.regex(/^[\w-]+_[0-9a-zA-Z]+$/))),
  AWS_REGION: z._default(z.string(), 'cn-northwest-1'),
});

export type TableConfig = z.infer<ReturnType<typeof tableEnv>>;
export type EvidenceConfig = z.infer<ReturnType<typeof evidenceEnv>>;
export type AlertConfig = z.infer<ReturnType<typeof alertEnv>>;
export type RobotConfig = z.infer<ReturnType<typeof robotEnv>>;
export type ObservabilityConfig = z.infer<ReturnType<typeof observabilityEnv>>;
export type AccountConfig = z.infer<ReturnType<typeof accountEnv>>;
export type OidcConfig = z.infer<ReturnType<typeof oidcEnv>>;
export type LocalConfig = z.infer<ReturnType<typeof localEnv>>;

/**
 * What is wrong with one variable, for the one place it is shown (a failed cold start's error): zod/mini
 * loads no locale, and its English one (2.7 KB) would ride in every bundle for this. The value itself
 * is never repeated.
 */
function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined) return 'missing';
  const detail = 'expected' in issue ? issue.expected
    : 'format' in issue ? issue.format
      : 'minimum' in issue ? `at least ${issue.minimum}`
        : 'maximum' in issue ? `at most ${issue.maximum}`
          : 'values' in issue ? `one of ${issue.values.join(', ')}` : undefined;
  return `${issue.code.replaceAll('_', ' ')}${detail === undefined ? '' : ` (${detail})`}`;
}

function load<T extends z.ZodMiniType>(schema: T, what: string): z.infer<T> {
  const parsed = schema.safeParse(process.env, { reportInput: true });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${problemOf(i)}`).join('; ');
    throw new Error(`invalid ${what} configuration: ${fields}`);
  }
  return parsed.data;
}

let table: TableConfig | undefined;
export const tableConfig = (): TableConfig => (table ??= load(tableEnv(), 'table'));

let evidence: EvidenceConfig | undefined;
// Made on first use: the functions without the bucket carry none of it.
export const evidenceConfig = (): EvidenceConfig => (evidence ??= load(evidenceEnv(), 'evidence bucket'));

let robot: RobotConfig | undefined;
export const robotConfig = (): RobotConfig => (robot ??= load(robotEnv(), 'robots'));

let oidc: OidcConfig | undefined;
export const oidcConfig = (): OidcConfig => (oidc ??= load(oidcEnv(), 'sign-in issuer'));

let account: AccountConfig | undefined;
export const accountConfig = (): AccountConfig => (account ??= load(accountEnv(), 'accounts'));

export const localConfig = (): LocalConfig => load(localEnv(), 'local');

export const alertConfig = (): AlertConfig => load(alertEnv(), 'alert');

let observability: ObservabilityConfig | undefined;
export const observabilityConfig = (): ObservabilityConfig => (observability ??= load(observabilityEnv(), 'logging and metrics'));

/** The variable names the deployed functions need, spelled once for CDK and the local server. */
export const ENV = {
  tableName: 'TABLE_NAME', dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  evidenceBucket: 'EVIDENCE_BUCKET', s3Endpoint: 'S3_ENDPOINT',
  logLevel: 'LOG_LEVEL', metricsDisabled: 'METRICS_DISABLED', serviceName: 'SERVICE_NAME', metricsNamespace: 'METRICS_NAMESPACE',
  alarmTopicArn: 'ALARM_TOPIC_ARN',
  robotSecretsFile: 'ROBOT_SECRETS_FILE', robotParameterPrefix: 'ROBOT_PARAMETER_PREFIX', robotReceiverOrigin: 'ROBOT_RECEIVER_ORIGIN',
  oidcIssuer: 'OIDC_ISSUER', oidcAudience: 'OIDC_AUDIENCE', oidcAccountClaim: 'OIDC_ACCOUNT_CLAIM',
  userPoolId: 'USER_POOL_ID',
} as const satisfies Record<string, keyof AccountConfig | keyof TableConfig | keyof EvidenceConfig | keyof ObservabilityConfig | keyof AlertConfig | keyof RobotConfig | keyof OidcConfig>;
