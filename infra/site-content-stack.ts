import { fileURLToPath } from 'node:url';
import { AssetHashType, CrossStackReferences, DockerImage, ReferenceStrength, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buildWeb, WEB_PAGES } from '#web/build.ts';
import { LOG_RETENTION } from '#infra/api-function.ts';
import { acknowledgeSiteDeployment } from '#infra/nag-acknowledgements.ts';
import type { StaticSite } from '#infra/site.ts';
import type { WebConfig } from '#web/src/config.ts';

export interface SiteContentStackProps extends StackProps {
  site: StaticSite;
  /** `/config.json`, which the pages read at run time: where the API is and how to sign in. */
  config: WebConfig;
}

/** Hashed names (`assets/forms-AB12CD.js`) never change content: browsers and CloudFront keep them a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The files with fixed names, which a release changes in place: asked for afresh each time, and invalidated. */
export const FIXED_NAMES = [...Object.values(WEB_PAGES).map((page) => page.html), 'sw.js', 'config.json'];

const WEB_DIR = fileURLToPath(new URL('../web', import.meta.url));

/**
 * The web build (`web/build.ts`), made by the local esbuild during synthesis: never Docker (the image
 * is a placeholder that is never pulled), no network. Hashed by its output, since it also bundles
 * code from outside `web/` (the schemas).
 */
function webBuild(): ISource {
  return Source.asset(WEB_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('none'),
      local: {
        tryBundle(outDir) {
          buildWeb(outDir);
          return true;
        },
      },
    },
  });
}

/**
 * The site's files: the web build and `/config.json` (the other stacks' outputs), copied into the
 * site bucket at every deploy. Two deployments, so each kind of file gets its own Cache-Control:
 * first the hashed assets (never pruned: a page loaded before this release still finds its
 * scripts), then the pages, the service worker and the config (pruned, which leaves `assets/` alone),
 * after which CloudFront forgets its copies of those.
 */
export class SiteContentStack extends Stack {
  readonly assets: BucketDeployment;
  readonly pages: BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteContentStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { bucket, distribution } = props.site;

    // The deployments' (one, shared) function gets this role, not one with AWSLambdaBasicExecutionRole
    // (which may write to any log group): it may write to its own log group only, and the
    // deployments add their bucket and invalidation permissions.
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY });
    const role = new Role(this, 'DeploymentRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    const build = webBuild();
    this.assets = new BucketDeployment(this, 'Assets', {
      sources: [build],
      destinationBucket: bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [CacheControl.fromString(IMMUTABLE)],
      role,
      logGroup,
    });
    this.pages = new BucketDeployment(this, 'Pages', {
      sources: [build, Source.jsonData('config.json', props.config, { escape: true })],
      destinationBucket: bucket,
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution,
      distributionPaths: ['/', ...FIXED_NAMES.map((name) => `/${name}`)],
      role,
      logGroup,
    });
    // New pages name new assets: those must be there first.
    this.pages.node.addDependency(this.assets);
    acknowledgeSiteDeployment(role, bucket);
  }
}
