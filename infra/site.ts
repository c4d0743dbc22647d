import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { LOG_RETENTION } from '#infra/api-function.ts';
import { acknowledgeSiteDistribution } from '#infra/nag-acknowledgements.ts';
import { contentSecurityPolicy, FRAME_OPTIONS, HSTS, REFERRER_POLICY } from '#web/headers.ts';

/** The declared referrer policy, as CloudFront spells it. */
const REFERRER = Object.values(HeadersReferrerPolicy).find((p) => p === REFERRER_POLICY)!;

export interface StaticSiteProps {
  /**
   * Origins besides its own that the pages may fetch from (CSP connect-src): the API and the sign-in
   * domain's token endpoint.
   */
  connectSources: readonly string[];
  /** Origins besides its own that images may come from (CSP img-src): the evidence bucket's thumbnails. */
  imageSources?: readonly string[];
}

/**
 * The web front end's home: a private bucket that only the CloudFront distribution reads (origin
 * access control), served over HTTPS with security headers. The files come from the content stack.
 */
export class StaticSite extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the bucket and the distribution's access logs. */
  readonly logs: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    // S3 delivers the bucket's access logs under a bucket policy of the log bucket, not the legacy
    // LogDeliveryWrite ACL (deprecated; the flag new CDK apps set).
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    this.logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // SSE-S3: S3 and CloudFront deliver logs without further setup (a KMS key would need a key policy for both).
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront's standard logging writes through an ACL, so ACLs stay enabled (owner preferred).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // As long as the functions' logs (RetentionDays counts days).
      lifecycleRules: [{ expiration: Duration.days(LOG_RETENTION) }],
      // Kept when the stack goes: logs arrive hours late (the bucket would not be empty when deleted),
      // and they are the record of who fetched what. They expire on their own.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/',
      // Only build output lives here, rebuilt from git at every deploy: nothing is lost with the stack,
      // so it goes with it (emptied first, else CloudFormation cannot delete it).
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'xiajiceng site: HSTS, CSP, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(HSTS.maxAgeDays), includeSubdomains: HSTS.includeSubdomains, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSources, props.imageSources), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption[FRAME_OPTIONS], override: true },
        referrerPolicy: { referrerPolicy: REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'xiajiceng web front end',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        responseHeadersPolicy: headers,
      },
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
    });
    acknowledgeSiteDistribution(this.distribution);
  }

  /** `https://<id>.cloudfront.net`, no trailing slash: the origin the browser sees. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
