import { buildApp } from '#infra/build-app.ts';
import { buildChinaApp } from '#infra/build-china-app.ts';
import { stringContext } from '#infra/context.ts';
import { App } from 'aws-cdk-lib';

/**
 * The CDK app entry (cdk.json: `npx tsx infra/app.ts`). `-c profile=china` deploys to AWS China
 * (infra/build-china-app.ts); without it, the global profile (infra/build-app.ts).
 */
// An app only to read the context, never synthesised: under the CLI an app synthesises itself at
// exit unless told not to, and an empty one would overwrite the real app's manifest.
const profile = stringContext(new App({ autoSynth: false }), 'profile') ?? 'global';
if (profile !== 'global' && profile !== 'china') throw new Error(`context profile must be global or china, not ${profile}`);
(profile === 'china' ? buildChinaApp() : buildApp()).app.synth();
