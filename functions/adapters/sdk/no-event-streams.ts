/**
 * Bundled in place of `@smithy/core/event-streams` (an esbuild alias in the Lambda bundling): the SDK
 * loads it with a lazy `import()` only for operations that stream events, which DynamoDB has none of,
 * yet every bundle would carry its ~19 KB. S3's client also resolves an event-stream marshaller when
 * it is made (for SelectObjectContent, which the evidence functions never call). Should anything ever
 * use one, it says why it is missing.
 */
const missing = (): never => {
  throw new Error('event streams are not bundled into these functions (DynamoDB and presigned S3 URLs do not use them); see infra/bundling.ts');
};

export class EventStreamSerde {
  constructor() {
    missing();
  }
}

export const eventStreamSerdeProvider = missing;

/** S3Client's constructor step: the marshaller is left as a getter that fails only if an event-stream operation reads it. */
export const resolveEventStreamSerdeConfig = <T extends object>(input: T): T =>
  Object.defineProperty(input, 'eventStreamMarshaller', { get: missing, enumerable: false, configurable: true });
