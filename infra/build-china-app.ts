import { Annotations, App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '#infra/api-stack.ts';
import { indexCountContext, listContext, stringContext } from '#infra/context.ts';
import { evidenceBucketName, evidenceOrigin } from '#infra/evidence.ts';
import { SiteContentStack } from '#infra/site-content-stack.ts';
import { SiteStack } from '#infra/site-stack.ts';
import { StorageStack } from '#infra/storage-stack.ts';

/** Ningxia (宁夏), operated by NWCD: the region the China profile deploys to. */
export const CHINA_REGION = 'cn-northwest-1';

export interface XiajicengChinaApp {
  app: App;
  storage: StorageStack;
  api: ApiStack;
  /** The site and its files: only with `siteDomain` and `siteCertificateId` (CloudFront in China serves nothing else). */
  site?: SiteStack;
  siteContent?: SiteContentStack;
}

/** What the China profile cannot deploy without, said in full. */
export class ChinaProfileError extends Error {}

function required(app: App, key: string, why: string): string {
  const value = stringContext(app, key);
  if (value === undefined) throw new ChinaProfileError(`profile=china needs -c ${key}=…: ${why}`);
  return value;
}

/**
 * The China profile (`-c profile=china`): the same storage and API in AWS China's Ningxia region,
 * with what the China regions lack replaced:
 * - no Cognito user pool (not offered there): the API trusts another OpenID Connect issuer
 *   (`oidcIssuer`, `oidcAudience`) through the directory authorizer, and our own directory (the
 *   table's accounts) gives each person a role and region; `oidcAccountClaim` names the token's claim
 *   an account is filed under (default `sub`; `phone_number` or an employee number where the issuer
 *   has them);
 * - the site only on an ICP-filed domain (`siteDomain`) with a certificate uploaded to IAM
 *   (`siteCertificateId`): without both, the web pages are not deployed, and synthesis says why;
 * - alarms to the alarm topic, to be subscribed by e-mail or HTTPS (SNS sends no SMS there).
 * The region is fixed, so ARNs come out in the `aws-cn` partition wherever CDK writes them itself.
 */
export function buildChinaApp(props: AppProps = {}): XiajicengChinaApp {
  const app = new App(props);
  // The region alone: the partition follows from it, and the account stays the CLI profile's at deploy time.
  const env = { region: CHINA_REGION };
  const issuer = required(app, 'oidcIssuer', 'the OpenID Connect issuer whose tokens the API accepts (Cognito user pools are not offered in the China regions)');
  const audience = listContext(app, 'oidcAudience');
  if (audience.length === 0) throw new ChinaProfileError('profile=china needs -c oidcAudience=…: the client id(s) the issuer gives the web pages and reporting clients');
  const accountClaim = stringContext(app, 'oidcAccountClaim') ?? 'sub';
  const siteDomain = stringContext(app, 'siteDomain');
  const certificateId = stringContext(app, 'siteCertificateId');
  if ((siteDomain === undefined) !== (certificateId === undefined)) {
    throw new ChinaProfileError('profile=china needs -c siteDomain=… and -c siteCertificateId=… together: CloudFront in China serves only an ICP-filed domain, under a certificate uploaded to IAM');
  }

  const evidenceBucket = evidenceBucketName(stringContext(app, 'evidenceBucketName'));
  const storage = new StorageStack(app, 'XiajicengStorage', {
    env,
    description: '下基层: the table and the evidence bucket (stateful, retained)',
    evidenceBucketName: evidenceBucket,
    indexCount: indexCountContext(app),
  });
  const site = siteDomain && certificateId ? new SiteStack(app, 'XiajicengSite', {
    env,
    description: "下基层: the web front end's bucket and CloudFront distribution (China: ICP-filed domain, IAM certificate)",
    connectSources: [`https://*.execute-api.${CHINA_REGION}.${Aws.URL_SUFFIX}`, new URL(issuer).origin, evidenceOrigin(evidenceBucket)],
    imageSources: [evidenceOrigin(evidenceBucket)],
    china: { domain: siteDomain, certificateId },
  }) : undefined;
  const webOrigins = [...(site ? [site.site.url] : []), ...listContext(app, 'corsOrigins').map((origin) => origin.replace(/\/+$/, ''))];
  storage.evidence.allowOrigins(webOrigins);
  const api = new ApiStack(app, 'XiajicengApi', {
    env,
    description: '下基层: HTTP API, functions and alarms (stateless)',
    table: storage.table,
    evidence: storage.evidence,
    signIn: { directory: { issuer, audience, accountClaim } },
    corsOrigins: webOrigins,
  });
  const siteContent = site ? new SiteContentStack(app, 'XiajicengSiteContent', {
    env,
    description: "下基层: the web front end's files and its /config.json",
    site: site.site,
    config: { apiUrl: api.api.httpApi.apiEndpoint, signIn: { authority: issuer, clientId: audience[0], scopes: ['openid', 'profile'], discovery: true } },
  }) : undefined;
  if (!site) {
    Annotations.of(api).addWarningV2('xiajiceng:china-no-site',
      'The web pages are not deployed: CloudFront in the China regions serves only an ICP-filed domain, under a certificate uploaded to IAM. Deploy again with -c siteDomain=<domain> -c siteCertificateId=<IAM server certificate id>.');
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, storage, api, site, siteContent };
}
