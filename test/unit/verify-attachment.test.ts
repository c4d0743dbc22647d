import { describe, expect, it } from 'vitest';
import type { AttachmentRepository, StoredAttachment, Verdict } from '#functions/repositories/attachment-repository.ts';
import type { EvidenceObjects } from '#functions/adapters/evidence-files.ts';
import { newUploadName, objectKeyOf } from '#functions/domain/evidence-key.ts';
import { verifyAttachment } from '#functions/use-cases/attachments/verify-attachment.ts';
import { jpeg, notAnImage } from '../support/evidence-files.ts';

/**
 * The verify function's use case with the bucket and the table in memory: a verdict is about the
 * object of the attachment's current announcement, given while it is pending, and never changed by
 * what arrives later (S3 delivers an event at least once; an older URL may still write its own key).
 */

const ID = '0b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11';
const photo = jpeg({ takenAt: '2026:11:20 10:31:05', offset: '+08:00', latitude: 34.48, longitude: 100.24 });

function world(objectKey: string) {
  const objects = new Map<string, Buffer>();
  let item: StoredAttachment = {
    id: ID, contentType: 'image/jpeg', size: photo.length, status: 'pending', uploadedBy: 'head', fingerprint: 'f',
    objectKey, createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z',
  };
  const judged: Verdict[] = [];
  const attachments: Pick<AttachmentRepository, 'get' | 'judge'> = {
    get: async (id) => (id === ID ? item : undefined),
    judge: async (_id, key, verdict) => {
      if (item.status !== 'pending' || item.objectKey !== key) return false;
      judged.push(verdict);
      item = { ...item, status: verdict.status, ...(verdict.status === 'stored' ? { facts: verdict.facts } : { found: verdict.found }) };
      return true;
    },
  };
  const files: EvidenceObjects = {
    head: async (key, bytes) => {
      const body = objects.get(key);
      return body && { bytes: new Uint8Array(body.subarray(0, bytes)), size: body.length };
    },
  };
  const deps = { attachments: attachments as AttachmentRepository, objects: files, clock: { now: () => new Date('2026-11-20T02:01:00.000Z') } };
  return { objects, judged, deps, item: () => item };
}

describe('the verdict on an attachment\'s bytes', () => {
  it('is given once, on the current announcement\'s object: a later event for it, or bytes at an older announcement\'s key, change nothing', async () => {
    const older = objectKeyOf(ID, newUploadName());
    const current = objectKeyOf(ID, newUploadName());
    const w = world(current);
    w.objects.set(older, notAnImage());
    expect(await verifyAttachment(w.deps, ID, older)).toEqual({ id: ID, skipped: 'not its current upload' });
    expect(w.item().status).toBe('pending');

    w.objects.set(current, photo);
    expect(await verifyAttachment(w.deps, ID, current)).toMatchObject({ verdict: { status: 'stored' } });
    const stored = w.item();
    // The same key again (a repeated event, or other bytes there however they came): the verdict stands.
    w.objects.set(current, notAnImage());
    expect(await verifyAttachment(w.deps, ID, current)).toEqual({ id: ID, skipped: 'already judged' });
    expect(w.item()).toEqual(stored);
    expect(w.judged).toHaveLength(1);
  });

  it('judges an empty object (rejected), and skips a key with no object or no attachment', async () => {
    const key = objectKeyOf(ID, newUploadName());
    const w = world(key);
    expect(await verifyAttachment(w.deps, ID, key)).toEqual({ id: ID, skipped: 'no object' });
    expect(await verifyAttachment(w.deps, '1b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11', key)).toEqual({ id: '1b6c1c52-5f5e-4c57-9a0e-3f1f1f8f2a11', skipped: 'unknown attachment' });
    w.objects.set(key, Buffer.alloc(0));
    expect(await verifyAttachment(w.deps, ID, key)).toEqual({ id: ID, verdict: { status: 'rejected', found: { size: 0 } } });
  });
});
