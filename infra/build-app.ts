import { App, type AppProps, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '#infra/api-stack.ts';
import { SignInStack } from '#infra/sign-in-stack.ts';
import { StorageStack } from '#infra/storage-stack.ts';

export interface XiajicengApp {
  app: App;
  storage: StorageStack;
  signIn: SignInStack;
  api: ApiStack;
}

/**
 * The whole CDK app, for `cdk synth`/`deploy` (infra/app.ts) and for the tests alike. Stacks are
 * environment-agnostic (no account or region lookups), so synthesis works offline without credentials;
 * the account and region come from the CLI's profile at deploy time.
 *
 * Context `corsOrigins`: browser origins of the web front end, a JSON array in cdk.json or
 * `-c corsOrigins=https://a.example,https://b.example`. Unset: no CORS.
 * Context `cognitoDomainPrefix`: the sign-in domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`),
 * unique per region across all accounts. Unset: `xiajiceng-<account id>`, resolved at deploy time.
 * Context `signInCallbackUrls`: where the sign-in pages return to (list, like corsOrigins). Unset:
 * each of corsOrigins with a trailing `/`, or `http://localhost:5173/` (a local front end) without any.
 */
export function buildApp(props: AppProps = {}): XiajicengApp {
  const app = new App(props);
  const storage = new StorageStack(app, 'XiajicengStorage', { description: '下基层: the table (stateful, retained)' });
  const corsOrigins = listContext(app, 'corsOrigins');
  const signIn = new SignInStack(app, 'XiajicengSignIn', {
    description: '下基层: the user pool and its app clients (stateful, retained)',
    domainPrefix: stringContext(app, 'cognitoDomainPrefix') ?? `xiajiceng-${Aws.ACCOUNT_ID}`,
    callbackUrls: listContext(app, 'signInCallbackUrls').length > 0
      ? listContext(app, 'signInCallbackUrls')
      : corsOrigins.length > 0 ? corsOrigins.map((origin) => `${origin.replace(/\/+$/, '')}/`) : ['http://localhost:5173/'],
  });
  const api = new ApiStack(app, 'XiajicengApi', {
    description: '下基层: HTTP API, functions and alarms (stateless)',
    table: storage.table,
    signIn: { issuer: signIn.signIn.issuer, audience: signIn.signIn.audience },
    corsOrigins,
  });
  // Every synthesis is checked against the AWS Solutions rules; an unacknowledged error fails it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, storage, signIn, api };
}

function stringContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  throw new Error(`context ${key} must be a string`);
}

function listContext(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  throw new Error(`context ${key} must be a list of strings or a comma-separated string`);
}
