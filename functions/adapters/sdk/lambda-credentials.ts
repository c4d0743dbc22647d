/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (an esbuild alias in the Lambda bundling):
 * Lambda always hands a function its role's credentials in environment variables, so the SDK's full
 * provider chain (SSO, INI files, STS, IMDS…) is dead weight — about a quarter of each bundle.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
