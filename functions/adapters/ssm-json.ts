import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { type SsmCall, SsmError } from './ssm-robot-secrets.ts';

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' || data instanceof Uint8Array ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 (or its HMAC, given a key) as the signer asks for it, from Node's own crypto. */
export class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(key?: SourceData) {
    this.#hash = key === undefined ? createHash('sha256') : createHmac('sha256', bytes(key));
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
}

/**
 * SSM's JSON API over fetch, signed with SigV4 by the SDK's own signer: three operations on a few
 * parameters do not warrant SSM's whole client in the robots' bundles. China's regions answer under
 * `amazonaws.com.cn`.
 */
export function ssmJsonCall(region: string): SsmCall {
  const host = `ssm.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const signer = new SignatureV4({ service: 'ssm', region, credentials: defaultProvider(), sha256: NodeSha256 });
  return async (operation, input) => {
    const body = JSON.stringify(input);
    const signed = await signer.sign({
      method: 'POST', protocol: 'https:', hostname: host, path: '/',
      headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonSSM.${operation}` },
      body,
    });
    const response = await fetch(`https://${host}/`, { method: 'POST', headers: signed.headers, body });
    const answer: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const type = typeof answer === 'object' && answer !== null && '__type' in answer && typeof answer.__type === 'string' ? answer.__type.split('#').pop() ?? '' : '';
      throw new SsmError(type || 'Unknown', response.status);
    }
    return answer;
  };
}
