import { fileURLToPath } from 'node:url';

/**
 * How every Lambda bundle is built, declared once: the CDK function construct passes these to
 * NodejsFunction's local esbuild, and the benchmark builds the very same bundles to measure them.
 */
const sdkTrim = (file: string) => fileURLToPath(new URL(`../functions/adapters/sdk/${file}`, import.meta.url));

/**
 * The versions the stand-ins above were written against (the packages whose modules `alias` replaces),
 * pinned exactly in package.json. A test (test/infra/sdk-trim.test.ts) fails when package.json, the
 * lockfile or node_modules holds another version, or when the SDK no longer imports a replaced module
 * by that name: the stand-ins are then checked again, not trusted (docs/architecture.md says how).
 */
export const SDK_TRIMMED_AGAINST = {
  '@aws-sdk/credential-provider-node': '3.972.98',
  '@smithy/core': '3.41.0',
  mnemonist: '0.38.3',
  '@aws-sdk/signature-v4-multi-region': '3.996.52',
} as const;

export const LAMBDA_BUNDLING = {
  format: 'esm',
  /** The Lambda runtime's Node.js major (LAMBDA_RUNTIME in api-function.ts; a test keeps them equal). */
  target: 'node24',
  minify: true,
  /**
   * The Chinese words (messages, labels, figures' names) as UTF-8, 3 bytes a character, not as
   * `\uXXXX` escapes of 6: Node reads every module as UTF-8, so the strings are the same, in about
   * 6 KB less of each bundle (test/infra/bundle-charset.test.ts checks they come out equal).
   */
  charset: 'utf8',
  /**
   * No source maps: Node's --enable-source-maps slows every cold start and stack trace, and a shipped
   * .map file only makes the zip Lambda downloads bigger. The build is deterministic, so a production
   * stack trace is decoded by rebuilding that commit's bundle locally with --sourcemap.
   */
  sourceMap: false,
  /** Prefer the packages' ES module builds: they tree-shake far better than the CommonJS ones. */
  mainFields: ['module', 'main'],
  /**
   * The AWS SDK is bundled (pinned, one file to load), less what DynamoDB from Lambda never runs:
   * the credential chain (Lambda hands credentials in the environment), event-stream code, and the
   * endpoint-discovery cache's LRU library; and what S3 on a regional bucket never runs (SigV4a, S3
   * Express session signing). Each target says why.
   */
  alias: {
    '@aws-sdk/credential-provider-node': sdkTrim('lambda-credentials.ts'),
    '@smithy/core/event-streams': sdkTrim('no-event-streams.ts'),
    'mnemonist/lru-cache': sdkTrim('lru-cache.ts'),
    // S3 (the evidence functions) signs through the multi-region signer; a regional bucket needs plain SigV4.
    '@aws-sdk/signature-v4-multi-region': sdkTrim('sigv4-only.ts'),
  },
  /** ESM bundles still meet CommonJS `require` inside some dependencies. */
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/** The handler module a route's function bundles. */
export const handlerEntry = (handler: string) => fileURLToPath(new URL(`../functions/handlers/${handler}.ts`, import.meta.url));
