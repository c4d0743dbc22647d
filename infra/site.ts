import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods, type CfnDistribution, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy,
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
  /**
   * CloudFront in the China regions (the China profile): it serves only on a custom domain with an
   * ICP filing, under a certificate uploaded to IAM (no ACM), and takes neither origin access
   * control, cache policies nor (unconfirmed) response headers policies, so the distribution is
   * written in the settings it does take: origin access identity, forwarded values, HTTP/2.
   */
  china?: ChinaSite;
}

/** The site's domain (ICP-filed) and the id of its certificate in IAM's store (`aws iam upload-server-certificate … --path /cloudfront/`). */
export interface ChinaSite {
  domain: string;
  certificateId: string;
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
  private readonly domain?: string;

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

    if (props.china) {
      this.distribution = chinaDistribution(this, this.bucket, this.logs, props.china);
      this.domain = props.china.domain;
      acknowledgeSiteDistribution(this.distribution, 'china');
      return;
    }
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
    acknowledgeSiteDistribution(this.distribution, 'default');
  }

  /** `https://<id>.cloudfront.net` or the China profile's domain, no trailing slash: the origin the browser sees. */
  get url(): string {
    return `https://${this.domain ?? this.distribution.distributionDomainName}`;
  }
}

/** A day's caching of the static files, as the global profile's CachingOptimized policy does (hashed assets say a year themselves). */
const CHINA_TTL = { MinTTL: 1, DefaultTTL: 86_400, MaxTTL: 31_536_000 };

function chinaDistribution(scope: Construct, bucket: Bucket, logs: Bucket, site: ChinaSite): Distribution {
  const distribution = new Distribution(scope, 'Distribution', {
    comment: 'xiajiceng web front end (China)',
    defaultRootObject: 'index.html',
    httpVersion: HttpVersion.HTTP2,
    defaultBehavior: {
      origin: S3BucketOrigin.withOriginAccessIdentity(bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      compress: true,
    },
    enableLogging: true,
    logBucket: logs,
    logFilePrefix: 'cloudfront/',
  });
  const cfn = distribution.node.defaultChild as CfnDistribution;
  cfn.addPropertyOverride('DistributionConfig.Aliases', [site.domain]);
  cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
    IamCertificateId: site.certificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021',
  });
  cfn.addPropertyDeletionOverride('DistributionConfig.DefaultCacheBehavior.CachePolicyId');
  cfn.addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ForwardedValues', { QueryString: false, Cookies: { Forward: 'none' } });
  for (const [key, value] of Object.entries(CHINA_TTL)) cfn.addPropertyOverride(`DistributionConfig.DefaultCacheBehavior.${key}`, value);
  return distribution;
}
