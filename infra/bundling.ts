import { fileURLToPath } from 'node:url';

/**
 * How every Lambda bundle is built, declared once: the CDK function construct passes these to
 * NodejsFunction's local esbuild, and the benchmark builds the very same bundles to measure them.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node22',
  minify: true,
  /** Prefer the packages' ES module builds: they tree-shake far better than the CommonJS ones. */
  mainFields: ['module', 'main'],
  /** The AWS SDK is bundled (pinned, one file to load), except its credential chain: see the alias target. */
  alias: { '@aws-sdk/credential-provider-node': fileURLToPath(new URL('../functions/adapters/lambda-credentials.ts', import.meta.url)) },
  /** ESM bundles still meet CommonJS `require` inside some dependencies. */
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/** The handler module a route's function bundles. */
export const handlerEntry = (handler: string) => fileURLToPath(new URL(`../functions/handlers/${handler}.ts`, import.meta.url));
