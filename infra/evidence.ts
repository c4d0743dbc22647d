import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, HttpMethods, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { ENV } from '#functions/config.ts';
import { CREATE_ONLY, EVIDENCE_PREFIX, LONGEST_URL_SECONDS } from '#functions/domain/evidence-key.ts';
import { type BucketAccess, VERIFY_HANDLER } from '#functions/routes.ts';
import { ApiFunction } from '#infra/api-function.ts';
import { acknowledgeEvidenceObjects } from '#infra/nag-acknowledgements.ts';

/** The S3 actions each kind of bucket access is: presigning an upload needs the right to upload, a download the right to read. */
const ACTIONS: Record<BucketAccess, string> = { put: 's3:PutObject', get: 's3:GetObject' };

/**
 * The evidence bucket's name, known before anything is deployed: the site's CSP must name its host,
 * and the site stack comes before this one. `xiajiceng-evidence-<account>-<region>` unless context
 * `evidenceBucketName` says otherwise (bucket names are global).
 */
export const evidenceBucketName = (name?: string): string => name ?? `xiajiceng-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/** The host presigned URLs name (virtual-hosted style, the regional endpoint), as a browser origin. */
export const evidenceOrigin = (bucketName: string): string => `https://${bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;

export interface EvidenceProps {
  table: ITable;
  /** See evidenceBucketName. */
  bucketName: string;
}

/**
 * Evidence (佐证材料): a private bucket of photos and PDFs that phones upload to and readers download
 * from through presigned URLs only, and the verify function that S3 invokes for every object created
 * (an ObjectCreated notification), which judges the bytes and writes the attachment's status.
 *
 * - Block public access, SSL only (TLS 1.2), S3-managed encryption, infrequent access after 90 days,
 *   access logs to a log bucket of its own, retained when the stack goes (it holds the campaign's evidence).
 * - Objects are written once: each announcement has its own key, its presigned PUT signs
 *   `If-None-Match: *`, and the policy refuses a PUT without it; nobody may delete. So no versioning:
 *   the object a verdict judged is the object served. The policy also refuses any request signed
 *   longer ago than the longest URL lifetime (`s3:signatureAge`), whatever a URL says of itself.
 * - CORS: PUT and GET from the site's origins only (`allowOrigins`).
 * - The notification is the bucket's own property and the permission's source ARN is spelled from the
 *   bucket's name, so neither refers to the other's resource: no custom resource, no cycle.
 */
export class Evidence extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly verify: ApiFunction;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: EvidenceProps) {
    super(scope, id);
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.bucketName = props.bucketName;

    this.logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Who fetched which evidence, kept a year; retained like the evidence itself.
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'evidence/',
      lifecycleRules: [
        { transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }] },
        // An upload cut off halfway leaves parts that cost money and serve nobody.
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Principal *: a deny binds every caller, the functions' presigned URLs included.
    this.bucket.addToResourcePolicy(new PolicyStatement({
      effect: Effect.DENY, principals: [new AnyPrincipal()], actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('*')],
      conditions: { Null: { 's3:if-none-match': 'true' } },
    }));
    this.bucket.addToResourcePolicy(new PolicyStatement({
      effect: Effect.DENY, principals: [new AnyPrincipal()], actions: ['s3:*'], resources: [this.bucket.arnForObjects('*')],
      conditions: { NumericGreaterThan: { 's3:signatureAge': LONGEST_URL_SECONDS * 1000 } },
    }));

    this.verify = new ApiFunction(this, 'Verify', { handler: VERIFY_HANDLER, timeout: Duration.minutes(1) });
    this.verify.bindTable(props.table, 'write');
    this.grantObjects(this.verify, 'get');

    const invoke = new CfnPermission(this, 'S3Invokes', {
      action: 'lambda:InvokeFunction',
      functionName: this.verify.function.functionArn,
      principal: 's3.amazonaws.com',
      sourceArn: `arn:${Aws.PARTITION}:s3:::${props.bucketName}`,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    const bucket = this.bucket.node.defaultChild as CfnBucket;
    bucket.notificationConfiguration = {
      lambdaConfigurations: [{
        event: 's3:ObjectCreated:*',
        function: this.verify.function.functionArn,
        filter: { s3Key: { rules: [{ name: 'prefix', value: EVIDENCE_PREFIX }] } },
      }],
    };
    // S3 checks it may invoke the function when the notification is set.
    bucket.node.addDependency(invoke);
  }

  /** The attachments' objects, by ARN spelled from the bucket's name (no reference to the bucket resource). */
  get objectsArn(): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}/${EVIDENCE_PREFIX}*`;
  }

  /** Browsers of these origins may PUT (the upload, with its Content-Type and If-None-Match) and GET (the download): the site's, and any of context corsOrigins. */
  allowOrigins(origins: readonly string[]): void {
    if (origins.length === 0) return;
    this.bucket.addCorsRule({
      allowedOrigins: [...origins],
      allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
      allowedHeaders: ['content-type', ...Object.keys(CREATE_ONLY)],
      exposedHeaders: ['etag'],
      maxAge: 3000,
    });
  }

  /** Exactly one S3 action on the attachments' objects of this bucket, nothing on the bucket itself. */
  grantObjects(fn: ApiFunction, access: BucketAccess): void {
    grantObjects(fn, this.bucketName, access);
  }
}

/**
 * A function's one S3 action (`put`: s3:PutObject, `get`: s3:GetObject) on the attachments' objects
 * of the evidence bucket named `bucketName`, and the bucket's name in its environment. The ARN is
 * spelled from the name: the API stack needs nothing of the storage stack for it.
 */
export function grantObjects(fn: ApiFunction, bucketName: string, access: BucketAccess): void {
  const objects = `arn:${Aws.PARTITION}:s3:::${bucketName}/${EVIDENCE_PREFIX}*`;
  fn.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [ACTIONS[access]], resources: [objects] }));
  fn.function.addEnvironment(ENV.evidenceBucket, bucketName);
  acknowledgeEvidenceObjects(fn.role, objects);
}
