import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from '#infra/api-stack.ts';
import { StorageStack } from '#infra/storage-stack.ts';

export interface XiajicengApp {
  app: App;
  storage: StorageStack;
  api: ApiStack;
}

/**
 * The whole CDK app, for `cdk synth`/`deploy` (infra/app.ts) and for the tests alike. Stacks are
 * environment-agnostic (no account or region lookups), so synthesis works offline without credentials;
 * the account and region come from the CLI's profile at deploy time.
 *
 * Context `corsOrigins`: browser origins of the web front end, a JSON array in cdk.json or
 * `-c corsOrigins=https://a.example,https://b.example`. Unset: no CORS.
 */
export function buildApp(props: AppProps = {}): XiajicengApp {
  const app = new App(props);
  const storage = new StorageStack(app, 'XiajicengStorage', { description: '下基层: the table (stateful, retained)' });
  const api = new ApiStack(app, 'XiajicengApi', {
    description: '下基层: HTTP API, functions and alarms (stateless)',
    table: storage.table,
    corsOrigins: listContext(app, 'corsOrigins'),
  });
  // Every synthesis is checked against the AWS Solutions rules; an unacknowledged error fails it.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, storage, api };
}

function listContext(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  throw new Error(`context ${key} must be a list of strings or a comma-separated string`);
}
