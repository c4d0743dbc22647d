import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, RequestPresigningArguments, RequestSigningArguments } from '@smithy/types';

/**
 * Bundled in place of `@aws-sdk/signature-v4-multi-region` (an esbuild alias in the Lambda bundling).
 * S3's client and presigner sign through it; beyond plain SigV4 it only adds SigV4a (multi-region
 * access points, which needs a native or extra package the bundles do not carry anyway) and S3
 * Express session credentials (directory buckets). The evidence bucket is a plain regional bucket,
 * so this is SigV4 itself, and it says what is missing should anything ask for the rest.
 */
type SignerOptions = ConstructorParameters<typeof SignatureV4>[0];
type SignOptions = { signingRegion?: string };

const unsupported = (what: string): never => {
  throw new Error(`${what} is not bundled into these functions (a regional bucket needs plain SigV4); see infra/bundling.ts`);
};
const sigv4a = (options: SignOptions | undefined) => {
  if (options?.signingRegion === '*') unsupported('SigV4a (multi-region access points)');
};

export class SignatureV4MultiRegion {
  private readonly signer: SignatureV4;

  /** Which SigV4a implementation is present: none (S3's auth scheme resolver then keeps to SigV4). */
  static sigv4aDependency(): 'none' {
    return 'none';
  }

  constructor(options: SignerOptions) {
    this.signer = new SignatureV4(options);
  }

  sign(request: HttpRequest, options?: RequestSigningArguments): Promise<HttpRequest> {
    sigv4a(options);
    return this.signer.sign(request, options);
  }

  presign(request: HttpRequest, options?: RequestPresigningArguments): Promise<HttpRequest> {
    sigv4a(options);
    return this.signer.presign(request, options);
  }

  signWithCredentials(): Promise<never> {
    return Promise.reject(new Error('S3 Express session signing (directory buckets) is not bundled into these functions; see infra/bundling.ts'));
  }

  presignWithCredentials(): Promise<never> {
    return Promise.reject(new Error('S3 Express session signing (directory buckets) is not bundled into these functions; see infra/bundling.ts'));
  }
}

/** S3 Express's signer extends this; the evidence bucket is not a directory bucket. */
export class SignatureV4SignWithCredentials extends SignatureV4MultiRegion {}

export const signatureV4CrtContainer: { CrtSignerV4: null } = { CrtSignerV4: null };
