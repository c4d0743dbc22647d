import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '#schemas/attachment.ts';
import { SAMPLES } from '../support/samples.ts';
import { jpeg, notAnImage, pdf, png, type PhotoFacts, webp } from '../support/evidence-files.ts';
import { type TestApi, api, daysAgo, EN, ifMatch, startTestApi, tokenFor } from './support/local-stack.ts';

/**
 * Evidence (issue 17), against DynamoDB Local and the local S3-compatible server: announcing a file,
 * uploading it with the presigned PUT, the server's verdict on the bytes, the flags read from the
 * stored file, who may read it (and download it), and records naming attachments.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

const HOME = '632621';
const OUTSIDE = '632622';
const HEAD = 'm-632621-01';
const OTHER_HEAD = 'm-632622-01';
const date = daysAgo(3);
/** Taken on the record's date, at 玛沁县 (34.48 N, 100.24 E). */
const onSite: PhotoFacts = { takenAt: `${date.replaceAll('-', ':')} 10:31:05`, offset: '+08:00', latitude: 34.48, longitude: 100.24 };

let stack: TestApi;
let admin: ReturnType<typeof api>;
/** A head of 玛沁县 and someone else reporting there (the head's staff: same head, another person). */
let head: ReturnType<typeof api>;
let headsStaff: ReturnType<typeof api>;
let staff: ReturnType<typeof api>;
let staffOutside: ReturnType<typeof api>;
let otherHead: ReturnType<typeof api>;
let reporter: ReturnType<typeof api>;

beforeAll(async () => {
  stack = await startTestApi();
  admin = api(stack.url);
  expect((await admin('PUT', `/ministers/${HEAD}`, { name: '玛沁县部长', level: 'county', regionCode: HOME })).status).toBe(201);
  expect((await admin('PUT', `/ministers/${OTHER_HEAD}`, { name: '班玛县部长', level: 'county', regionCode: OUTSIDE })).status).toBe(201);
  head = api(stack.url, tokenFor({ sub: 'head-632621', role: 'submitter', region: HOME, ministerId: HEAD }));
  headsStaff = api(stack.url, tokenFor({ sub: 'aide-632621', role: 'submitter', region: HOME, ministerId: HEAD }));
  staff = api(stack.url, tokenFor({ sub: 'staff-632621', role: 'staff', region: HOME }));
  staffOutside = api(stack.url, tokenFor({ sub: 'staff-632622', role: 'staff', region: OUTSIDE }));
  otherHead = api(stack.url, tokenFor({ sub: 'head-632622', role: 'submitter', region: OUTSIDE, ministerId: OTHER_HEAD }));
  reporter = api(stack.url, tokenFor({ role: 'reporter', region: HOME }));
});
afterAll(async () => stack?.close());

type Caller = ReturnType<typeof api>;

/** POST /attachments for these bytes (type and size as declared, unless given). */
async function announce(as: Caller, bytes: Buffer, contentType: string, declared: { id?: string; size?: number } = {}) {
  return as<Body>('POST', '/attachments', { id: declared.id ?? randomUUID(), contentType, size: declared.size ?? bytes.length });
}

/** PUT the bytes as the upload says (the presigned URL and its headers; Content-Length from the body, as a browser does). */
async function put(upload: Body, bytes: Buffer, headers: Record<string, string> = {}) {
  const { 'content-length': _, ...sent } = upload.headers as Record<string, string>;
  const res = await fetch(upload.url, { method: upload.method, headers: { ...sent, ...headers }, body: new Uint8Array(bytes) });
  expect(res.status, await res.clone().text()).toBe(200);
  // The verify function runs on the upload's ObjectCreated event, as S3 would invoke it.
  await stack.s3.settled();
}

/** An attachment announced, uploaded and verified; its id and what GET answers its uploader. */
async function stored(as: Caller, bytes: Buffer, contentType: string) {
  const announced = await announce(as, bytes, contentType);
  expect(announced.status, JSON.stringify(announced.body)).toBe(201);
  await put(announced.body.upload, bytes);
  const read = await as<Body>('GET', `/attachments/${announced.body.id}`);
  expect(read.status).toBe(200);
  return { id: announced.body.id as string, read: read.body };
}

const visitBody = (attachments?: { id: string; caption?: string }[]): Body => ({
  ...SAMPLES.visit.valid({ ministerId: HEAD, countyCode: HOME, date }),
  ...(attachments ? { attachments } : {}),
});

describe('announcing and uploading', () => {
  it('answers 201 pending with a presigned, create-only PUT of an object of its own, signed for exactly the content type and length; the same body again is 200 with a fresh upload', async () => {
    const bytes = jpeg(onSite);
    const id = randomUUID();
    const first = await announce(head, bytes, 'image/jpeg', { id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, status: 'pending', upload: { method: 'PUT', headers: { 'content-type': 'image/jpeg', 'content-length': String(bytes.length), 'if-none-match': '*' } } });
    const url = new URL(first.body.upload.url);
    expect(url.pathname).toMatch(new RegExp(`^/${stack.s3.bucket}/attachments/${id}/[A-Za-z0-9_-]{22}$`));
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host', 'if-none-match']));
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(900);
    expect(Date.parse(first.body.upload.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const again = await announce(head, bytes, 'image/jpeg', { id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'pending', upload: { method: 'PUT' } });

    await put(again.body.upload, bytes);
    const read = await head<Body>('GET', `/attachments/${id}`);
    expect(read.body).toMatchObject({ id, contentType: 'image/jpeg', size: bytes.length, status: 'stored', flags: [], capturedAt: `${date}T10:31:05+08:00` });
    // Stored evidence is never replaced: announcing it again is a 409 that says so, with no upload.
    const late = await announce(head, bytes, 'image/jpeg', { id });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: '/problems/attachment-stored', detail: expect.stringContaining('已保存') });
    expect(late.body.upload).toBeUndefined();
  });

  it('keeps what was stored: a PUT to the old URL after the verdict changes neither the bytes served, nor the flags, nor the capture time', async () => {
    const photo = jpeg(onSite);
    const announced = await announce(head, photo, 'image/jpeg');
    await put(announced.body.upload, photo);
    const before = (await head<Body>('GET', `/attachments/${announced.body.id}`)).body;
    expect(before).toMatchObject({ status: 'stored', flags: [], capturedAt: `${date}T10:31:05+08:00` });

    // Another photo of exactly the same length, taken elsewhere on another day, sent to the same (still valid) URL.
    const swapped = jpeg({ ...onSite, takenAt: `${daysAgo(9).replaceAll('-', ':')} 10:31:05`, latitude: 39.9, longitude: 116.4 });
    expect(swapped.length).toBe(photo.length);
    const { 'content-length': _, ...headers } = announced.body.upload.headers as Record<string, string>;
    const late = await fetch(announced.body.upload.url, { method: 'PUT', headers, body: new Uint8Array(swapped) });
    expect(late.status).toBe(412);
    await stack.s3.settled();

    const after = (await head<Body>('GET', `/attachments/${announced.body.id}`)).body;
    expect({ ...after, download: undefined }).toEqual({ ...before, download: undefined });
    expect(Buffer.from(await (await fetch(after.download.url)).arrayBuffer()).equals(photo)).toBe(true);
  });

  it('gives each announcement its own object: bytes sent to an earlier announcement\'s URL are never judged nor served', async () => {
    const photo = jpeg(onSite);
    const first = await announce(head, photo, 'image/jpeg');
    const again = await announce(head, photo, 'image/jpeg', { id: first.body.id });
    expect(again.status).toBe(200);
    expect(again.body.upload.url).not.toBe(first.body.upload.url);
    await put(again.body.upload, photo);
    // The first URL still works on its own key, but that object is not the attachment's.
    await put(first.body.upload, png(onSite));
    const read = (await head<Body>('GET', `/attachments/${first.body.id}`)).body;
    expect(read).toMatchObject({ status: 'stored', flags: [], capturedAt: `${date}T10:31:05+08:00` });
    expect(Buffer.from(await (await fetch(read.download.url)).arrayBuffer()).equals(photo)).toBe(true);
  });

  it('judges an empty upload: rejected, not pending for ever', async () => {
    const photo = jpeg(onSite);
    const announced = await announce(head, photo, 'image/jpeg');
    await put(announced.body.upload, Buffer.alloc(0));
    expect((await head<Body>('GET', `/attachments/${announced.body.id}`)).body).toMatchObject({ status: 'rejected', flags: [] });
  });

  it('lets no key outside attachments/<uuid> reach the local server\'s disk (a crafted ..%2f key)', async () => {
    const marker = `escaped-${randomUUID()}`;
    const base = `${stack.s3.endpoint}/${stack.s3.bucket}`;
    for (const key of [`attachments/..%2f..%2f..%2f${marker}`, `attachments/${randomUUID()}/..%2f..%2f..%2f..%2f${marker}`, `${marker}`, `attachments/not-a-uuid`]) {
      const res = await fetch(`${base}/${key}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg(onSite)) });
      expect(res.status, key).toBe(403);
    }
    await stack.s3.settled();
    const found = async (dir: string): Promise<string[]> =>
      (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((name) => name.includes(marker));
    expect(await found(stack.s3.directory)).toEqual([]);
    expect((await readdir(dirname(stack.s3.directory))).filter((name) => name.includes(marker))).toEqual([]);
  });

  it('refuses a declared size over 10 MiB (413), another type or no bytes (422), and an id reused with another body or by another person (409)', async () => {
    const big = await head<Body>('POST', '/attachments', { id: randomUUID(), contentType: 'image/jpeg', size: MAX_ATTACHMENT_BYTES + 1 }, EN);
    expect(big.status).toBe(413);
    expect(big.body.type).toBe('/problems/payload-too-large');
    expect((await head('POST', '/attachments', { id: randomUUID(), contentType: 'image/jpeg', size: MAX_ATTACHMENT_BYTES })).status).toBe(201);

    const gif = await head<Body>('POST', '/attachments', { id: randomUUID(), contentType: 'image/gif', size: 100 });
    expect(gif.status).toBe(422);
    expect(gif.body.errors.map((e: { path: string }) => e.path)).toEqual(['contentType']);
    const empty = await head<Body>('POST', '/attachments', { id: randomUUID(), contentType: 'image/png', size: 0 });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['size']);

    const id = randomUUID();
    expect((await head('POST', '/attachments', { id, contentType: 'image/png', size: 100 })).status).toBe(201);
    expect((await head('POST', '/attachments', { id, contentType: 'image/png', size: 101 })).status).toBe(409);
    expect((await headsStaff('POST', '/attachments', { id, contentType: 'image/png', size: 100 })).status).toBe(409);
    expect((await reporter('POST', '/attachments', { id: randomUUID(), contentType: 'image/png', size: 100 })).status).toBe(403);
  });

  it('lets the site\'s origin PUT and GET from the local bucket (CORS preflight)', async () => {
    const origin = new URL(stack.url).origin;
    const preflight = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/attachments/${randomUUID()}`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const foreign = await fetch(`${stack.s3.endpoint}/${stack.s3.bucket}/attachments/${randomUUID()}`, {
      method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('the server\'s verdict on the bytes', () => {
  it('rejects bytes whose magic numbers are not the declared type, and bytes of another size; a record naming either is a 422', async () => {
    const html = notAnImage();
    const lying = await announce(head, html, 'image/jpeg');
    await put(lying.body.upload, html);
    expect((await head<Body>('GET', `/attachments/${lying.body.id}`)).body).toMatchObject({ status: 'rejected', flags: [] });
    expect((await head<Body>('GET', `/attachments/${lying.body.id}`)).body.download).toBeUndefined();

    const photo = jpeg(onSite);
    const short = await announce(head, photo, 'image/jpeg', { size: photo.length + 10 });
    // s3rver takes any length; on AWS S3 itself refuses a body whose length is not the signed one.
    await put(short.body.upload, photo);
    expect((await head<Body>('GET', `/attachments/${short.body.id}`)).body.status).toBe('rejected');

    const pngAsJpeg = png(onSite);
    const wrongType = await announce(head, pngAsJpeg, 'image/jpeg');
    await put(wrongType.body.upload, pngAsJpeg);
    expect((await head<Body>('GET', `/attachments/${wrongType.body.id}`)).body.status).toBe('rejected');

    const res = await head<Body>('POST', '/visits', visitBody([{ id: lying.body.id }, { id: short.body.id }, { id: wrongType.body.id }]), EN);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([0, 1, 2].map((i) => ({ path: `attachments[${i}].id`, message: expect.stringContaining('failed the checks') })));
  });

  it('keeps a verdict: announcing a rejected attachment again is a 409 saying why (a new file takes a new id), and no later PUT makes it stored', async () => {
    const photo = jpeg(onSite);
    const announced = await announce(head, photo, 'image/jpeg');
    await put(announced.body.upload, notAnImage());
    expect((await head<Body>('GET', `/attachments/${announced.body.id}`)).body.status).toBe('rejected');
    const retry = await announce(head, photo, 'image/jpeg', { id: announced.body.id });
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ type: '/problems/attachment-rejected', detail: expect.stringContaining('未通过校验') });
    expect(retry.body.upload).toBeUndefined();
    const english = await head<Body>('POST', '/attachments', { id: announced.body.id, contentType: 'image/jpeg', size: photo.length }, EN);
    expect(english.body.detail).toContain('failed the checks');

    const { 'content-length': _, ...headers } = announced.body.upload.headers as Record<string, string>;
    expect((await fetch(announced.body.upload.url, { method: 'PUT', headers, body: new Uint8Array(photo) })).status).toBe(412);
    await stack.s3.settled();
    expect((await head<Body>('GET', `/attachments/${announced.body.id}`)).body.status).toBe('rejected');
  });

  it('serves a stored file only with its verified content type, and a PDF as a download (s3rver honours the signed response-content-* overrides)', async () => {
    const photo = jpeg(onSite);
    const announced = await announce(head, photo, 'image/jpeg');
    // A client that lies in the PUT's own Content-Type (s3rver checks no signature; S3 would refuse it).
    await put(announced.body.upload, photo, { 'content-type': 'text/html' });
    const read = (await head<Body>('GET', `/attachments/${announced.body.id}`)).body;
    expect(read.status).toBe('stored');
    const download = new URL(read.download.url);
    expect(download.searchParams.get('response-content-type')).toBe('image/jpeg');
    expect(download.searchParams.get('response-content-disposition')).toBeNull();
    expect(Number(download.searchParams.get('X-Amz-Expires'))).toBe(600);
    expect(Date.parse(read.download.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
    const image = await fetch(read.download.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(photo)).toBe(true);

    const { read: document } = await stored(head, pdf(), 'application/pdf');
    expect(document).toMatchObject({ status: 'stored', flags: [] });
    const file = await fetch(document.download.url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f-]+\.pdf"$/);
  });
});

describe('flags: what staff should look at, read from the stored file', () => {
  it('flags a photo without a capture time, one taken 2 or more days from the record\'s date, and one taken outside Qinghai', async () => {
    const bare = await stored(head, jpeg(), 'image/jpeg');
    const early = await stored(head, jpeg({ ...onSite, takenAt: `${daysAgo(5).replaceAll('-', ':')} 23:59:00` }), 'image/jpeg');
    const dayBefore = await stored(head, jpeg({ ...onSite, takenAt: `${daysAgo(4).replaceAll('-', ':')} 09:00:00` }), 'image/jpeg');
    const beijing = await stored(head, png({ ...onSite, latitude: 39.9, longitude: 116.4 }), 'image/png');
    const fine = await stored(head, webp(onSite), 'image/webp');
    expect(bare.read.flags).toEqual(['no-capture-time']);
    expect(beijing.read.flags).toEqual(['gps-outside']);
    // Taken 2 days before: flagged only once a record dated `date` holds it.
    expect(early.read.flags).toEqual([]);
    expect(fine.read).toMatchObject({ flags: [], capturedAt: `${date}T10:31:05+08:00` });

    const visit = visitBody([bare, early, dayBefore, beijing, fine].map(({ id }, i) => ({ id, caption: `照片${i + 1}` })));
    expect((await head('POST', '/visits', visit)).status).toBe(201);
    const flags = async (id: string) => (await staff<Body>('GET', `/attachments/${id}`)).body.flags;
    expect(await flags(bare.id)).toEqual(['no-capture-time']);
    expect(await flags(early.id)).toEqual(['capture-date-far']);
    expect(await flags(dayBefore.id)).toEqual([]);
    expect(await flags(beijing.id)).toEqual(['gps-outside']);
    expect(await flags(fine.id)).toEqual([]);
  });
});

describe('records naming attachments', () => {
  it('accept a pending attachment, and refuse an unknown one, another person\'s, more than 20 and a repeated id (422 at the attachment)', async () => {
    const pending = await announce(head, jpeg(onSite), 'image/jpeg');
    const created = await head<Body>('POST', '/visits', visitBody([{ id: pending.body.id, caption: '座谈会现场' }]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.attachments).toEqual([{ id: pending.body.id, caption: '座谈会现场' }]);

    const someoneElses = await announce(headsStaff, jpeg(onSite), 'image/jpeg');
    const refused = await head<Body>('POST', '/visits', visitBody([{ id: randomUUID() }, { id: someoneElses.body.id }]), EN);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: 'attachments[0].id', message: expect.stringContaining('No such attachment') },
      { path: 'attachments[1].id', message: expect.stringContaining('No such attachment') },
    ]);

    const many = Array.from({ length: 21 }, () => ({ id: randomUUID() }));
    const tooMany = await head<Body>('POST', '/visits', visitBody(many));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors.map((e: { path: string }) => e.path)).toEqual(['attachments']);
    const twice = await head<Body>('POST', '/visits', visitBody([{ id: pending.body.id }, { id: pending.body.id }]));
    expect(twice.status).toBe(422);
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['attachments[1].id']);
  });

  it('carry attachments on visits, problems, reports, trainings, models and inspections, but not mechanisms', async () => {
    for (const kind of ['visit', 'problem', 'report', 'training', 'model', 'inspection']) {
      const { id } = await stored(head, jpeg(onSite), 'image/jpeg');
      const body = { ...SAMPLES[kind].valid({ ministerId: HEAD, countyCode: HOME, date }), attachments: [{ id }] };
      const res = await head<Body>('POST', `/${kind}s`, body);
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(201);
      expect((await staff<Body>('GET', `/attachments/${id}`)).status, kind).toBe(200);
    }
    const { id } = await stored(head, jpeg(onSite), 'image/jpeg');
    const mechanism = { ...SAMPLES.mechanism.valid({ ministerId: HEAD, countyCode: HOME, date }), attachments: [{ id }] };
    const res = await admin<Body>('POST', '/mechanisms', mechanism);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['attachments']);
  });

  it('rectify a problem without photos (no "after" photo is required)', async () => {
    const problem = SAMPLES.problem.valid({ ministerId: HEAD, countyCode: HOME, date });
    expect((await head('POST', '/problems', problem)).status).toBe(201);
    const rectified = await head<Body>('PATCH', `/problems/${problem.id}`, { status: 'rectified', evidence: '已建立台账', rectifiedOn: date }, ifMatch(1));
    expect(rectified.status).toBe(200);
  });
});

describe('who may read an attachment', () => {
  it('its uploader, and whoever may see a record holding it; everyone else a 404, as for an id never announced', async () => {
    const { id } = await stored(head, jpeg(onSite), 'image/jpeg');
    expect((await head('GET', `/attachments/${id}`)).status).toBe(200);
    for (const reader of [staff, staffOutside, headsStaff, otherHead]) expect((await reader('GET', `/attachments/${id}`)).status).toBe(404);
    expect((await staff('GET', `/attachments/${randomUUID()}`)).status).toBe(404);
    expect((await reporter('GET', `/attachments/${id}`)).status).toBe(403);

    const visit = visitBody([{ id }]);
    expect((await head('POST', '/visits', visit)).status).toBe(201);
    for (const reader of [staff, headsStaff, admin]) {
      const res = await reader<Body>('GET', `/attachments/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.download.url).toContain(`/attachments/${id}/`);
    }
    for (const reader of [staffOutside, otherHead]) expect((await reader('GET', `/attachments/${id}`)).status).toBe(404);
  });

  it('keeps a head\'s photos on a staffer\'s correction, and lets corrections add and remove attachments; former readers then lose sight (404) unless another record they see holds it', async () => {
    const first = await stored(head, jpeg(onSite), 'image/jpeg');
    const second = await stored(head, jpeg(onSite), 'image/jpeg');
    const visit = visitBody([{ id: first.id }]);
    expect((await head('POST', '/visits', visit)).status).toBe(201);

    // A staffer corrects the head's record: the head's photo stays (it is already on the record).
    const corrected = await staff<Body>('PATCH', `/visits/${visit.id}`, { participants: 51 }, ifMatch(1));
    expect(corrected.status).toBe(200);
    expect(corrected.body.attachments).toEqual([{ id: first.id }]);
    // … but the staffer cannot add the head's other photo, which is not theirs and not on the record.
    const added = await staff<Body>('PATCH', `/visits/${visit.id}`, { attachments: [{ id: first.id }, { id: second.id }] }, { ...ifMatch(2), ...EN });
    expect(added.status).toBe(422);
    expect(added.body.errors).toEqual([{ path: 'attachments[1].id', message: expect.stringContaining('No such attachment') }]);
    // The head can: a correction adds one and drops the other.
    const swapped = await head<Body>('PATCH', `/visits/${visit.id}`, { attachments: [{ id: second.id, caption: '整改后' }] }, ifMatch(2));
    expect(swapped.status).toBe(200);
    expect((await staff('GET', `/attachments/${second.id}`)).status).toBe(200);
    expect((await staff('GET', `/attachments/${first.id}`)).status).toBe(404);
    expect((await head('GET', `/attachments/${first.id}`)).status).toBe(200);
    const history = (await staff<Body>('GET', `/visits/${visit.id}/history`)).body.items;
    expect(history.map((c: Body) => c.after.attachments)).toEqual([[{ id: first.id }], [{ id: first.id }], [{ id: second.id, caption: '整改后' }]]);

    // Another record staff may see holds the first photo: they see it again; dropped there too, they do not.
    const problem: Body = { ...SAMPLES.problem.valid({ ministerId: HEAD, countyCode: HOME, date }), attachments: [{ id: first.id }] };
    expect((await head('POST', '/problems', problem)).status).toBe(201);
    expect((await staff('GET', `/attachments/${first.id}`)).status).toBe(200);
    expect((await head('PATCH', `/problems/${problem.id}`, { attachments: [] }, ifMatch(1))).status).toBe(200);
    expect((await staff('GET', `/attachments/${first.id}`)).status).toBe(404);
  });

  it('still shows the evidence of a withdrawn record to those who may read it', async () => {
    const { id } = await stored(head, jpeg(onSite), 'image/jpeg');
    const visit = visitBody([{ id }]);
    expect((await head('POST', '/visits', visit)).status).toBe(201);
    expect((await staff('DELETE', `/visits/${visit.id}`, undefined, ifMatch(1))).status).toBe(200);
    expect((await staff('GET', `/attachments/${id}`)).status).toBe(200);
  });
});
