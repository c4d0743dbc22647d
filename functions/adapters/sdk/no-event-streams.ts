/**
 * Bundled in place of `@smithy/core/event-streams` (an esbuild alias in the Lambda bundling): the SDK
 * loads it with a lazy `import()` only for operations that stream events, which DynamoDB has none of,
 * yet every bundle would carry its ~19 KB. Should anything ever ask for it, it says why it is missing.
 */
const missing = (): never => {
  throw new Error('event streams are not bundled into these functions (DynamoDB does not use them); see infra/bundling.ts');
};

export class EventStreamSerde {
  constructor() {
    missing();
  }
}

export const eventStreamSerdeProvider = missing;
