import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import type { ImageItem } from '../offline-queue/item';
import { RejectedItemError } from '../offline-queue/offline-queue';
import { uuidV7 } from '../offline-queue/uuid-v7';
import { DeviceSignedOutError } from '../sync/sync-service';
import { aesSecretCipher } from '../testing/aes-secret-cipher';
import { useTempDirs } from '../testing/temp-dir';
import { TokenStore } from '../token-store';
import { createUploadClient } from './upload-client';

// The sorting of answers, against answers shaped as the API's tRPC endpoint sends them (superjson
// transformer; the error formatter's appCode and reason); the real server: agent-server.integration.test.ts.

const tempDir = useTempDirs();
const token = randomBytes(32).toString('base64url');

async function signedIn() {
  const tokens = new TokenStore(join(await tempDir('upload-'), 'device-token.bin'), aesSecretCipher());
  await tokens.set({ token, deviceId: uuidV7(), serverUrl: 'https://telework.example.jp/console/', userName: '山田 太郎', tenantName: '株式会社サンプル' });
  return tokens;
}

const still = (trigger: 'INCIDENT' | 'INTERVAL' = 'INTERVAL'): ImageItem => ({
  class: 'image', seq: 1, clientId: uuidV7(), eventClientId: uuidV7(), source: 'camera', trigger, createdAt: new Date('2026-04-01T09:00:00Z'), jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
});

/** A tRPC error answer: the status, and the data the API's error formatter fills in. */
function trpcError(httpStatus: number, code: string, appCode?: string, reason?: string): Response {
  return Response.json({ error: superjson.serialize({ message: 'refused', code: -32600, data: { code, httpStatus, appCode, reason } }) }, { status: httpStatus });
}

function fakeServer(answer: () => Response | Promise<Response>) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('upload client', () => {
  it('sends the image as the tRPC mutation agent.uploads.image: multipart FormData with the device token', async () => {
    const server = fakeServer(() => Response.json({ result: { data: superjson.serialize({ kind: 'evidence', evidenceId: uuidV7(), duplicate: false }) } }));
    const item = still('INCIDENT');
    await createUploadClient(await signedIn(), { fetch: server.fetch }).sendEvidence(item);

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.url).toBe('https://telework.example.jp/console/api/trpc/agent.uploads.image');
    expect(request?.init?.method).toBe('POST');
    expect(new Headers(request?.init?.headers).get('authorization')).toBe(`Bearer ${token}`);
    const body = request?.init?.body;
    if (!(body instanceof FormData)) throw new Error('not sent as FormData');
    expect(Object.fromEntries([...body.entries()].filter(([, v]) => typeof v === 'string'))).toEqual({
      kind: 'evidence', evidenceKind: 'CAMERA', clientId: item.clientId, trigger: 'INCIDENT', incidentClientEventId: item.eventClientId, capturedAt: '2026-04-01T09:00:00.000Z',
    });
    const image = body.get('image');
    expect(image instanceof Blob ? Buffer.from(await image.arrayBuffer()) : null).toEqual(item.jpeg);
  });

  it('sends an enrolment still with its descriptor', async () => {
    const server = fakeServer(() => Response.json({ result: { data: superjson.serialize({ kind: 'face', faceImageId: uuidV7(), duplicate: true }) } }));
    const clientId = uuidV7();
    await createUploadClient(await signedIn(), { fetch: server.fetch }).sendFace({ clientId, jpeg: new Uint8Array([0xff, 0xd8]), descriptor: [0.5, 0.25] });
    const body = server.requests[0]?.init?.body;
    if (!(body instanceof FormData)) throw new Error('not sent as FormData');
    expect([body.get('kind'), body.get('clientId'), body.get('descriptor')]).toEqual(['face', clientId, '[0.5,0.25]']);
  });

  const outcomes: [string, 'dropped' | 'signed out' | 'retried', () => Response | Promise<Response>][] = [
    ['a refused image (VALIDATION)', 'dropped', () => trpcError(400, 'BAD_REQUEST', 'VALIDATION', 'DIMENSIONS_TOO_LARGE')],
    ['a client id taken by another upload', 'dropped', () => trpcError(409, 'CONFLICT', 'CONFLICT', 'CLIENT_ID_TAKEN')],
    ['a rule refusal', 'dropped', () => trpcError(412, 'PRECONDITION_FAILED', 'RULE_VIOLATION', 'REDACTION_UNAVAILABLE')],
    ['a proxy refusing the size', 'dropped', () => new Response('<html>413</html>', { status: 413 })],
    ['an incident not received yet', 'retried', () => trpcError(409, 'CONFLICT', 'CONFLICT', 'INCIDENT_NOT_FOUND')],
    ['a revoked token', 'signed out', () => trpcError(401, 'UNAUTHORIZED', 'UNAUTHENTICATED')],
    ['an inactive contract', 'signed out', () => trpcError(403, 'FORBIDDEN', 'CONTRACT_INACTIVE')],
    ['the access guard (403, not superjson)', 'signed out', () => Response.json({ error: { message: 'Japan only', code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403 } } }, { status: 403 })],
    ['a server without agent.uploads.image yet (tRPC NOT_FOUND, no appCode)', 'retried', () => trpcError(404, 'NOT_FOUND')],
    ['a proxy without the route (404 page)', 'retried', () => new Response('<html>404</html>', { status: 404 })],
    ['the API refusing with its own NOT_FOUND', 'dropped', () => trpcError(404, 'NOT_FOUND', 'NOT_FOUND')],
    ['too many requests', 'retried', () => trpcError(429, 'TOO_MANY_REQUESTS')],
    ['a server error', 'retried', () => trpcError(500, 'INTERNAL_SERVER_ERROR')],
    ['a gateway page', 'retried', () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['a success answer that cannot be read', 'retried', () => new Response('<html>portal</html>', { status: 200 })],
    ['no network', 'retried', () => Promise.reject(new TypeError('fetch failed'))],
  ];
  it.each(outcomes)('sorts %s: %s', async (_name, expected, answer) => {
    const log: string[] = [];
    const item = still();
    const error = await createUploadClient(await signedIn(), { fetch: fakeServer(answer).fetch, log: (line) => log.push(line) }).sendEvidence(item).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const sorted = error instanceof RejectedItemError ? 'dropped' : error instanceof DeviceSignedOutError ? 'signed out' : 'retried';
    expect(sorted).toBe(expected);
    expect(log).toHaveLength(expected === 'dropped' ? 1 : 0);
    if (expected === 'dropped') expect(log[0]).toMatch(new RegExp(`^camera image ${item.clientId} dropped: `));
  });

  it('logs a dropped image with the code and reason', async () => {
    const log: string[] = [];
    const item = still();
    await expect(createUploadClient(await signedIn(), { fetch: fakeServer(() => trpcError(400, 'BAD_REQUEST', 'VALIDATION', 'NOT_AN_IMAGE')).fetch, log: (line) => log.push(line) }).sendEvidence(item)).rejects.toBeInstanceOf(RejectedItemError);
    expect(log).toEqual([`camera image ${item.clientId} dropped: VALIDATION/NOT_AN_IMAGE (refused)`]);
  });

  it('keeps images queued while signed out, without calling the server', async () => {
    const server = fakeServer(() => trpcError(500, 'INTERNAL_SERVER_ERROR'));
    const tokens = new TokenStore(join(await tempDir('upload-'), 'device-token.bin'), aesSecretCipher());
    await expect(createUploadClient(tokens, { fetch: server.fetch }).sendEvidence(still())).rejects.toBeInstanceOf(DeviceSignedOutError);
    expect(server.requests).toEqual([]);
  });
});
