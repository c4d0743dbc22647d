import { App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '#infra/api-stack.ts';
import { cognitoDomainUrl, WEB_CLIENT_SCOPES } from '#infra/sign-in.ts';
import { SignInStack } from '#infra/sign-in-stack.ts';
import { SiteContentStack } from '#infra/site-content-stack.ts';
import { SiteStack } from '#infra/site-stack.ts';
import { StorageStack } from '#infra/storage-stack.ts';
import { evidenceBucketName, evidenceOrigin } from '#infra/evidence.ts';
import { indexCountContext, listContext, stringContext } from '#infra/context.ts';

export interface XiajicengApp {
  app: App;
  storage: StorageStack;
  site: SiteStack;
  signIn: SignInStack;
  api: ApiStack;
  siteContent: SiteContentStack;
}

/**
 * The whole CDK app, for `cdk synth`/`deploy` (infra/app.ts) and for the tests alike. Stacks are
 * environment-agnostic (no account or region lookups), so synthesis works offline without credentials;
 * the account and region come from the CLI's profile at deploy time.
 *
 * The site stack comes first: the sign-in stack (callback URLs) and the API (CORS) read its URL, and
 * the content stack, last, writes the other stacks' outputs into the site's `/config.json`.
 *
 * Context `corsOrigins`: browser origins of other web front ends besides the site, a JSON array in
 * cdk.json or `-c corsOrigins=https://a.example,https://b.example`. Unset: the site only.
 * Context `cognitoDomainPrefix`: the sign-in domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`),
 * unique per region across all accounts. Unset: `xiajiceng-<account id>`, resolved at deploy time.
 * Context `signInCallbackUrls`: where the sign-in pages return to (list, like corsOrigins). Unset:
 * the site and each of corsOrigins, with a trailing `/`.
 * Context `evidenceBucketName`: the evidence bucket's name (global across all accounts). Unset:
 * `xiajiceng-evidence-<account id>-<region>`, resolved at deploy time.
 * Context `tableIndexes`: build only the table's first N indexes (functions/table.ts order), to add
 * indexes to an existing table one deploy at a time (CloudFormation adds one GSI per table update).
 * Unset: all of them.
 */
export function buildApp(props: AppProps = {}): XiajicengApp {
  const app = new App(props);
  const evidenceBucket = evidenceBucketName(stringContext(app, 'evidenceBucketName'));
  const storage = new StorageStack(app, 'XiajicengStorage', {
    description: '下基层: the table and the evidence bucket (stateful, retained)',
    evidenceBucketName: evidenceBucket,
    indexCount: indexCountContext(app),
  });
  const domainPrefix = stringContext(app, 'cognitoDomainPrefix') ?? `xiajiceng-${Aws.ACCOUNT_ID}`;
  const site = new SiteStack(app, 'XiajicengSite', {
    description: "下基层: the web front end's bucket and CloudFront distribution",
    // The API's id is not known before the API stack, which needs the site's URL first: the CSP
    // allows the region's API Gateway hosts, and the sign-in domain, whose name is known up front;
    // so is the evidence bucket's (uploads and downloads go straight to it, and thumbnails show from it).
    connectSources: [`https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, cognitoDomainUrl(domainPrefix), evidenceOrigin(evidenceBucket)],
    imageSources: [evidenceOrigin(evidenceBucket)],
  });
  const webOrigins = [site.site.url, ...listContext(app, 'corsOrigins').map((origin) => origin.replace(/\/+$/, ''))];
  storage.evidence.allowOrigins(webOrigins);
  const signIn = new SignInStack(app, 'XiajicengSignIn', {
    description: '下基层: the user pool and its app clients (stateful, retained)',
    domainPrefix,
    callbackUrls: listContext(app, 'signInCallbackUrls').length > 0
      ? listContext(app, 'signInCallbackUrls')
      : webOrigins.map((origin) => `${origin}/`),
  });
  const api = new ApiStack(app, 'XiajicengApi', {
    description: '下基层: HTTP API, functions and alarms (stateless)',
    table: storage.table,
    evidence: storage.evidence,
    signIn: { jwt: { issuer: signIn.signIn.issuer, audience: signIn.signIn.audience } },
    accountPool: signIn.signIn.userPool,
    corsOrigins: webOrigins,
  });
  const siteContent = new SiteContentStack(app, 'XiajicengSiteContent', {
    description: "下基层: the web front end's files and its /config.json",
    site: site.site,
    config: {
      apiUrl: api.api.httpApi.apiEndpoint,
      signIn: {
        authority: signIn.signIn.domain.baseUrl(),
        clientId: signIn.signIn.webClient.userPoolClientId,
        scopes: WEB_CLIENT_SCOPES.map((scope) => scope.scopeName),
      },
    },
  });
  // Every synthesis is checked against the AWS Solutions rules; an unacknowledged error fails it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, storage, site, signIn, api, siteContent };
}
