import type { AttachmentStatus, AttachmentType, CaptureFacts } from '#schemas/attachment.ts';

/** The objects of the evidence bucket, as the verify function reads them. */
export interface EvidenceObjects {
  /** The first `bytes` of the object at `key` and its whole size, or undefined when there is none. */
  head(key: string, bytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined>;
}

/** URLs for objects named by their keys (functions/domain/evidence-key.ts). */
export interface EvidenceUrls {
  /** A create-only PUT URL for exactly this content type and length, valid `expiresIn` seconds. */
  uploadUrl(objectKey: string, contentType: string, size: number, expiresIn: number): Promise<string>;
  /** A GET URL whose answer carries `contentType` (and `disposition`, if given), valid `expiresIn` seconds. */
  downloadUrl(objectKey: string, answer: { contentType: string; disposition?: string }, expiresIn: number): Promise<string>;
}

/** An attachment as stored: what was announced, by whom, and what the server found in the file. */
export interface StoredAttachment {
  id: string;
  contentType: AttachmentType;
  size: number;
  status: AttachmentStatus;
  /** The token subject of whoever announced it: only they get upload URLs, and only they may name it first. */
  uploadedBy: string;
  /** The announced body, normalised: the same body again is a retry. */
  fingerprint: string;
  /**
   * The bucket's object of the current announcement (`attachments/<id>/<upload>`): the only one judged,
   * and once judged the one served. Absent on attachments announced before objects were per announcement.
   */
  objectKey?: string;
  createdAt: string;
  updatedAt: string;
  /** When the server last judged the stored bytes. */
  verifiedAt?: string;
  /** Why the bytes were rejected: what they turned out to be. */
  found?: { type?: string; size: number };
  /** Read from the stored file by the server (EXIF), never sent by a client. */
  facts?: CaptureFacts;
}

/** What a judgement of the stored bytes sets. */
export type Verdict =
  | { status: 'stored'; facts: CaptureFacts }
  | { status: 'rejected'; found: { type?: string; size: number } };

/** A record holding an attachment (the item `attachment#<id>` / `heldby#<kind>#<record id>`). */
export interface Holder {
  kind: string;
  recordId: string;
}

/** Reading one attachment: all a record's write needs. */
export interface AttachmentReader {
  get(id: string): Promise<StoredAttachment | undefined>;
}

/** The attachments in the table (see attachment-repository.ts for how each write is conditioned). */
export interface AttachmentStore extends AttachmentReader {
  /** Stores a new attachment; false if the id is already taken. */
  create(attachment: StoredAttachment): Promise<boolean>;
  /** A fresh announcement of a pending attachment: its object is now `objectKey`; false once judged. */
  reannounce(id: string, objectKey: string, at: string): Promise<boolean>;
  /** The verdict on the object `objectKey`, while pending and that object is the current one; false otherwise. */
  judge(id: string, objectKey: string, verdict: Verdict, at: string): Promise<boolean>;
  /** The records holding an attachment (whatever their state; the caller reads them). */
  holders(id: string): Promise<Holder[]>;
}
