import { request, Unreachable } from '../api.ts';
import type { WebConfig } from '../config.ts';
import type { Upload } from './files.ts';
import type { EvidenceApi } from './uploader.ts';

/**
 * The evidence routes as the browser calls them: the API with the person's token, and the bytes
 * straight to the bucket's presigned URL by XMLHttpRequest (fetch cannot report upload progress).
 */
export function browserEvidenceApi(config: WebConfig, owner: string): EvidenceApi {
  return {
    async announce(input) {
      if (!navigator.onLine) throw new Unreachable('offline');
      return request(config, '/attachments', { method: 'POST', body: input, as: owner });
    },
    async get(id) {
      if (!navigator.onLine) throw new Unreachable('offline');
      return request(config, `/attachments/${id}`, { as: owner });
    },
    put: putWithProgress,
  };
}

export function putWithProgress(upload: Upload, blob: Blob, onProgress: (fraction: number) => void): Promise<number> {
  if (!navigator.onLine) return Promise.reject(new Unreachable('offline'));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', upload.url);
    // Content-Length is the browser's to set, from the body; the rest as signed.
    for (const [name, value] of Object.entries(upload.headers)) if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => reject(new Unreachable('the upload got no answer'));
    xhr.ontimeout = () => reject(new Unreachable('the upload timed out'));
    xhr.onabort = () => reject(new Unreachable('the upload was stopped'));
    xhr.send(blob);
  });
}
