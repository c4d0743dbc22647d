import { buildApp } from '#infra/build-app.ts';

/** The CDK app entry (cdk.json: `npx tsx infra/app.ts`). */
buildApp().app.synth();
