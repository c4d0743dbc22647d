/** The parts of s3rver (a local S3-compatible server, CommonJS without types) that local/s3.ts uses. */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    vhostBuckets?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** The parts of a Koa context (s3rver is a Koa application) that a middleware in front of its routes reads and sets. */
  export interface S3rverContext {
    method: string;
    /** The request's path as sent (not decoded). */
    path: string;
    status: number;
    type: string;
    body: unknown;
    get(header: string): string;
  }

  class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    /** Koa's middleware stack, composed when the server starts: what is put first runs first. */
    middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void> | void)[];
    store: { existsObject(bucket: string, key: string): Promise<boolean> };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }

  export default S3rver;
}
