// agent.uploads.image over real HTTP: the desktop agent's tRPC client (httpLink + superjson, FormData
// input) against the console router served by tRPC's fetch adapter, PostgreSQL and a blob folder.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@telework/db';
import { consoleRouter, type ConsoleRouter } from '../../console-router';
import { createContext } from '../../context';
import { getMasterKeyring } from '../../crypto';
import { apiEnv } from '../../env';
import { readFaceDescriptor } from '../../evidence/face-images';
import { decryptBlob } from '../../evidence/read-image';
import { deviceToken, imageForm, pngDeclaring, intervalFields, makeJpeg, storedImages } from '../../evidence/test-helpers';
import { getBlobStore } from '../../storage';
import { limitTrpcBody } from '../../http';
import { sha256Hex } from '../../evidence/store-evidence';
import sharp from 'sharp';
import { signedInUser } from '../../testing/callers';
import { useTestDatabase } from '../../testing/db';
import { createTenantFixture, type TenantFixture } from '../../testing/fixtures';

// The procedure takes its blob store, master key and size limit from the env, read at import.
await vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'agent-uploads-'));
  process.env.UPLOAD_MAX_BYTES = '300000';
});
const blobDir = apiEnv.BLOB_DIR;

const { db, adminDb } = useTestDatabase();
let server: Server;
let baseUrl = '';
/** How many bytes of the last request's body the server read. */
let lastBodyRead = 0;
let t: TenantFixture;
let other: TenantFixture;
let token = '';
let otherToken = '';

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    let read = 0;
    // Pulled only when the handler reads: counts how much of the body it took.
    const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const body = req.method === 'GET' ? undefined : new ReadableStream<Uint8Array>({
      async pull(c) {
        const next = await chunks.next();
        if (next.done) return c.close();
        read += next.value.byteLength;
        c.enqueue(new Uint8Array(next.value));
      },
    }, { highWaterMark: 0 });
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit);
    // As production serves it (http/index.ts): the body read through the hard byte limit.
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc', req: limitTrpcBody(request), router: consoleRouter,
      createContext: ({ req: r, resHeaders }) => createContext({ db, app: 'console', headers: r.headers, resHeaders, ip: '203.0.113.30' }),
    });
    lastBodyRead = read;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    // What the handler left unread is drained, as a server does, so the connection can be reused.
    while (!(await chunks.next()).done);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  token = await deviceToken(adminDb, t.tenantId, t.deviceId);
  otherToken = await deviceToken(adminDb, other.tenantId, other.deviceId);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The agent's client (apps/agent trpc-client.ts), with whatever credentials the test gives it. */
function client(headers: Record<string, string>) {
  return createTRPCClient<ConsoleRouter>({ links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers })] });
}
const agent = (bearer = token) => client({ authorization: `Bearer ${bearer}` });

const form = imageForm;
const interval = intervalFields;
const incidentCapture = (incidentClientEventId: string) => ({ ...interval('CAMERA'), trigger: 'INCIDENT', incidentClientEventId });
const faceOf = (userId?: string) => ({ kind: 'face', clientId: randomUUID(), ...(userId ? { userId } : {}), descriptor: JSON.stringify(Array(128).fill(0.01)) });

/** The refusal as the agent sees it: the tRPC code and the AppError code and reason the formatter adds. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e;
    const data = e.data as { code?: string; httpStatus?: number; appCode?: string; reason?: string; fieldErrors?: Record<string, string[]> };
    return { code: data.code, httpStatus: data.httpStatus, appCode: data.appCode, reason: data.reason, fieldErrors: data.fieldErrors };
  }
  throw new Error('the upload was accepted');
}

const stored = (tenantId = t.tenantId) => storedImages(adminDb, tenantId, blobDir);

describe('agent.uploads.image', () => {
  it('stores a camera still encrypted, once, when it is sent twice with the same client id', async () => {
    const before = await stored();
    const image = makeJpeg(640, 480, { noise: 40 });
    const fields = interval('CAMERA');
    const first = await agent().agent.uploads.image.mutate(form(fields, image));
    expect(first).toEqual({ kind: 'evidence', evidenceId: expect.any(String), duplicate: false });
    expect(lastBodyRead).toBeGreaterThan(image.length);
    const again = await agent().agent.uploads.image.mutate(form(fields, image));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await stored()).toEqual({ ...before, rows: before.rows + 1, files: before.files + 1 });

    const row = await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: first.kind === 'evidence' ? first.evidenceId : '' } });
    expect(row).toMatchObject({ kind: 'CAMERA', trigger: 'INTERVAL', width: 640, height: 480, userId: t.users.worker.id, deviceId: t.deviceId });
    // What is stored is the image re-encoded (never the uploaded bytes), and the row describes it.
    const plain = await withTenant(db, t.tenantId, (tx) => decryptBlob(tx, getBlobStore(), getMasterKeyring(), t.tenantId, row));
    expect({ byteSize: row.byteSize, sha256: row.sha256 }).toEqual({ byteSize: plain.bytes.length, sha256: sha256Hex(plain.bytes) });
    expect(await sharp(plain.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
  });

  it('links an incident capture to its incident and waits (CONFLICT, INCIDENT_NOT_FOUND) until the incident is known', async () => {
    const clientEventId = randomUUID();
    const fields = incidentCapture(clientEventId);
    expect(await refusal(agent().agent.uploads.image.mutate(form(fields, makeJpeg(320, 240))))).toMatchObject({ code: 'CONFLICT', appCode: 'CONFLICT', reason: 'INCIDENT_NOT_FOUND' });
    const incident = await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientEventId, kind: 'PEEKING', faceCount: 2, occurredAt: new Date() } });
    const r = await agent().agent.uploads.image.mutate(form(fields, makeJpeg(320, 240)));
    expect(r.kind).toBe('evidence');
    expect(await adminDb.evidence.count({ where: { tenantId: t.tenantId, incidentId: incident.id } })).toBe(1);
  });

  it('stores the agent’s enrolment still with its descriptor; a device enrols its own user only', async () => {
    const descriptor = Array.from({ length: 128 }, (_, i) => Math.cos(i) / 10);
    const r = await agent().agent.uploads.image.mutate(form({ kind: 'face', clientId: randomUUID(), descriptor: JSON.stringify(descriptor) }, makeJpeg(320, 240)));
    if (r.kind !== 'face') throw new Error('not a face answer');
    expect(await adminDb.faceImage.findFirstOrThrow({ where: { tenantId: t.tenantId, id: r.faceImageId } })).toMatchObject({ userId: t.users.worker.id, source: 'AGENT' });
    const back = await readFaceDescriptor({ db, store: getBlobStore(), keyring: getMasterKeyring() }, t.tenantId, r.faceImageId);
    back.forEach((v, i) => expect(v).toBeCloseTo(descriptor[i] ?? NaN, 6));

    const before = await stored();
    expect(await refusal(agent().agent.uploads.image.mutate(form(faceOf(t.users.admin.id), makeJpeg(64, 48))))).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN' });
    expect(await stored()).toEqual(before);
  });

  const forged = () => {
    const real = makeJpeg(320, 240, { noise: 60 });
    const bytes = new Uint8Array(real);
    bytes.fill(0x41, 700); // keeps the header, destroys the scan data
    return bytes;
  };
  const refusals: [string, () => FormData | Promise<FormData>, Record<string, unknown>][] = [
    ['a text file named .jpg', () => form(interval('CAMERA'), new TextEncoder().encode('hello, not an image at all')), { reason: 'NOT_AN_IMAGE' }],
    ['a forged JPEG (valid header, garbage body)', () => form(interval('CAMERA'), forged()), { reason: 'CORRUPT_IMAGE' }],
    ['a camera still larger than 640×480', () => form(interval('CAMERA'), makeJpeg(641, 480)), { reason: 'DIMENSIONS_TOO_LARGE' }],
    ['a screenshot larger than 1920×1080', () => form(interval('SCREEN'), makeJpeg(1920, 1081)), { reason: 'DIMENSIONS_TOO_LARGE' }],
    ['the interlaced-PNG bomb (640×480 declared, 200 MB inflated)', async () => form(interval('CAMERA'), await pngDeclaring(640, 480, 200_000_000, 1), 'image/png'), { reason: 'CORRUPT_IMAGE' }],
    ['a file over the limit', () => form(interval('CAMERA'), new Uint8Array(400_000).fill(0xff)), { reason: 'TOO_LARGE', fieldErrors: { image: ['too large'] } }],
    ['a missing image', () => form(interval('CAMERA')), { fieldErrors: { image: ['required'] } }],
    ['a bad client id', () => form({ ...interval('CAMERA'), clientId: 'abc' }, makeJpeg(64, 48)), { fieldErrors: { clientId: expect.any(Array) } }],
    ['a face without its descriptor', () => form({ kind: 'face', clientId: randomUUID() }, makeJpeg(64, 48)), { fieldErrors: { descriptor: ['required'] } }],
  ];
  it.each(refusals)('refuses %s (BAD_REQUEST, VALIDATION) and stores nothing', async (_name, body, expected) => {
    const before = await stored();
    expect(await refusal(agent().agent.uploads.image.mutate(await body()))).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, appCode: 'VALIDATION', ...expected });
    expect(await stored()).toEqual(before);
  });

  it('refuses a body declared larger than the limit without reading it', async () => {
    const before = await stored();
    const image = makeJpeg(640, 480, { noise: 255, quality: 100 });
    expect(image.length).toBeGreaterThan(300_000 + 200_000);
    expect(await refusal(agent().agent.uploads.image.mutate(form(interval('CAMERA'), image)))).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'TOO_LARGE' });
    expect(lastBodyRead).toBeLessThan(image.length / 4);
    expect(await stored()).toEqual(before);
  });

  it('refuses a chunked body (no Content-Length) past the limit, cut off there rather than read whole', async () => {
    const before = await stored();
    const boundary = 'x-boundary';
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    let sent = 0;
    // 20 MB offered in 64 KB chunks; the limit is 300 000 + 200 000 bytes of form.
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 20_000_000) return c.close();
        const chunk = sent === 0 ? head : new Uint8Array(65_536).fill(0xff);
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`${baseUrl}/api/trpc/agent.uploads.image`, {
      method: 'POST', body, duplex: 'half', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const answer = (await res.json()) as { error?: { json?: { data?: { reason?: string; appCode?: string } } } };
    expect({ status: res.status, ...answer.error?.json?.data }).toMatchObject({ status: 400, appCode: 'VALIDATION', reason: 'TOO_LARGE' });
    // The handler stopped reading at the limit (give or take a chunk), not at 20 MB.
    expect(lastBodyRead).toBeGreaterThan(500_000);
    expect(lastBodyRead).toBeLessThan(500_000 + 2 * 65_536);
    expect(await stored()).toEqual(before);
  });

  it('stores a JPEG with HTML and a ZIP appended without the trailing bytes', async () => {
    const image = makeJpeg(320, 240, { noise: 20 });
    const trailer = Buffer.concat([Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('PK\u0005\u0006'), Buffer.alloc(18)]);
    const r = await agent().agent.uploads.image.mutate(form(interval('CAMERA'), new Uint8Array(Buffer.concat([image, trailer]))));
    if (r.kind !== 'evidence') throw new Error('not an evidence answer');
    const row = await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: r.evidenceId } });
    const plain = Buffer.from((await withTenant(db, t.tenantId, (tx) => decryptBlob(tx, getBlobStore(), getMasterKeyring(), t.tenantId, row))).bytes);
    expect(plain.includes(Buffer.from('<script>'))).toBe(false);
    expect(plain.includes(Buffer.from('PK\u0003\u0004'))).toBe(false);
    expect([...plain.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('refuses a JSON input as not multipart', async () => {
    const untyped = agent().agent.uploads.image.mutate as unknown as (input: unknown) => Promise<unknown>;
    expect(await refusal(untyped(interval('CAMERA')))).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'NOT_MULTIPART' });
  });

  it('another tenant’s device cannot attach evidence to this tenant’s incident, nor enrol its worker', async () => {
    const clientEventId = randomUUID();
    await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientEventId, kind: 'PEEKING', faceCount: 2, occurredAt: new Date() } });
    const before = { mine: await stored(), theirs: await stored(other.tenantId) };
    // Its own tenant has no such incident (row-level security hides ours): the same answer as an incident not received yet.
    expect(await refusal(agent(otherToken).agent.uploads.image.mutate(form(incidentCapture(clientEventId), makeJpeg(64, 48))))).toMatchObject({ code: 'CONFLICT', appCode: 'CONFLICT', reason: 'INCIDENT_NOT_FOUND' });
    expect(await refusal(agent(otherToken).agent.uploads.image.mutate(form(faceOf(t.users.worker.id), makeJpeg(64, 48))))).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN' });
    expect({ mine: await stored(), theirs: await stored(other.tenantId) }).toEqual(before);
  });

  it('refuses an admin’s session (not a device), no token and a revoked token with UNAUTHORIZED, unread', async () => {
    const before = await stored();
    const image = makeJpeg(640, 480, { noise: 255, quality: 100 });
    const admin = await signedInUser(db, t, 'admin');
    const session = client(admin.httpHeaders());
    for (const caller of [session, client({}), agent('not-a-token')]) {
      expect(await refusal(caller.agent.uploads.image.mutate(form(faceOf(t.users.worker.id), image)))).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401, appCode: 'UNAUTHENTICATED' });
      expect(lastBodyRead).toBeLessThan(image.length / 4);
    }
    expect(await stored()).toEqual(before);
  });
});
