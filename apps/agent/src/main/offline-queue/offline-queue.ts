import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { isNotFound } from '../secrets/encrypted-secret-file';
import { encodeItem } from './item-codec';
import { eventDataSchema, itemFileName, looksLikeJpeg, type EventType, type ImageSource, type ImageTrigger, type ItemClass, type JsonValue, type QueueItem, type StoredHeader } from './item';
import type { KeyProvider } from './key-provider';
import { loadItem, quarantine, scanQueueDir, type IndexEntry, type RecoveryReport } from './recovery';
import { uuidV7 } from './uuid-v7';

export const DEFAULT_MAX_IMAGES = 500;
/** A 1920×1080 screenshot JPEG is well under this; anything bigger is a bug, not evidence. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface OfflineQueueOptions {
  /** The queue's own folder inside the app's data folder; one process owns it (single-instance app). */
  dir: string;
  keyProvider: KeyProvider;
  maxImages?: number;
  now?: () => Date;
}

const eventInput = z.object({
  eventType: z.enum(['punch', 'presence', 'incident', 'face', 'consent']),
  data: eventDataSchema,
  clientId: z.uuid().optional(),
  createdAt: z.date().optional(),
});

const imageInput = z.object({
  eventClientId: z.uuid(),
  source: z.enum(['camera', 'screen']),
  trigger: z.enum(['INCIDENT', 'INTERVAL']).default('INCIDENT'),
  jpeg: z.instanceof(Uint8Array).refine(looksLikeJpeg, 'not a JPEG').refine((b) => b.length <= MAX_IMAGE_BYTES, 'image too large'),
  clientId: z.uuid().optional(),
  createdAt: z.date().optional(),
});

/**
 * Thrown by a sender when the server refused an item for good (e.g. a validation error): retrying can
 * never succeed, and keeping it at the head would block everything behind it. The item is moved to
 * rejected/ — kept, never deleted — and the drain goes on.
 */
export class RejectedItemError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RejectedItemError';
  }
}

export const REJECTED_DIR = 'rejected';

export interface DrainResult {
  sent: number;
  /** Items the server refused for good, now in rejected/. */
  rejected: number;
  remaining: number;
  /** Set when `send` rejected: that item and everything after it are still queued. */
  failed?: { seq: number; clientId: string; error: unknown };
}

/**
 * The offline buffer (仕様書: offline recording). Every item is one encrypted file written atomically,
 * named by a monotonic sequence number, so a kill at any moment loses at most the item being written.
 */
export class OfflineQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private draining = false;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly key: Buffer,
    private readonly maxImages: number,
    private readonly now: () => Date,
    private readonly entries: IndexEntry[],
    private nextSeq: number,
    readonly recovery: RecoveryReport,
  ) {}

  static async open(options: OfflineQueueOptions): Promise<OfflineQueue> {
    const maxImages = options.maxImages ?? DEFAULT_MAX_IMAGES;
    if (!Number.isInteger(maxImages) || maxImages < 1) throw new RangeError('maxImages must be a positive integer');
    const now = options.now ?? (() => new Date());
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const key = await options.keyProvider.getKey();
    if (key.length !== 32) throw new RangeError('The queue key must be 32 bytes (AES-256)');
    const { entries, report } = await scanQueueDir(options.dir, key, now());
    const lastSeq = entries.at(-1)?.seq ?? 0;
    const queue = new OfflineQueue(options.dir, key, maxImages, now, entries, lastSeq + 1, report);
    report.evictedImages = await queue.evictImages();
    return queue;
  }

  /** Stores a punch, presence change or incident; these are never evicted. */
  async enqueueEvent(input: { eventType: EventType; data: Record<string, JsonValue>; clientId?: string; createdAt?: Date }) {
    const parsed = eventInput.parse(input);
    const clientId = parsed.clientId ?? uuidV7();
    return this.exclusive(async () => {
      const header: StoredHeader = {
        v: 1, class: 'event', clientId, eventType: parsed.eventType, createdAt: (parsed.createdAt ?? this.now()).toISOString(), data: parsed.data,
      };
      const seq = await this.write('event', header, Buffer.alloc(0));
      return { clientId, seq };
    });
  }

  /** Stores a camera or screen JPEG; past `maxImages` the oldest images are overwritten first. */
  async enqueueImage(input: { eventClientId: string; source: ImageSource; trigger?: ImageTrigger; jpeg: Uint8Array; clientId?: string; createdAt?: Date }) {
    const parsed = imageInput.parse(input);
    const clientId = parsed.clientId ?? uuidV7();
    return this.exclusive(async () => {
      const header: StoredHeader = {
        v: 1, class: 'image', clientId, eventClientId: parsed.eventClientId, source: parsed.source, trigger: parsed.trigger, createdAt: (parsed.createdAt ?? this.now()).toISOString(),
      };
      // Write first, evict after: a crash in between leaves one image too many, which open() trims.
      const seq = await this.write('image', header, parsed.jpeg);
      const evicted = await this.evictImages();
      return { clientId, seq, evicted };
    });
  }

  /**
   * Sends items oldest first, deleting each only after `send` resolved. Stops at the first failure
   * and keeps that item and the rest (except a RejectedItemError, see there); items queued meanwhile
   * are sent in the same pass. `only` restricts a pass to one class: the sync sends events first so
   * that punches never wait behind megabytes of evidence on a slow line.
   */
  async drain(send: (item: QueueItem) => Promise<void>, options: { only?: ItemClass } = {}): Promise<DrainResult> {
    if (this.draining) throw new Error('A drain is already running');
    this.draining = true;
    try {
      let sent = 0;
      let rejected = 0;
      let lastSeq = 0;
      for (;;) {
        const entry = this.entries.find((e) => e.seq > lastSeq && (!options.only || e.cls === options.only));
        if (!entry) break;
        lastSeq = entry.seq;
        const item = await this.read(entry.seq);
        if (!item) continue;
        try {
          await send(item);
        } catch (error) {
          if (!(error instanceof RejectedItemError)) {
            return { sent, rejected, remaining: this.entries.length, failed: { seq: entry.seq, clientId: entry.clientId, error } };
          }
          await this.exclusive(() => this.setAside(entry.seq));
          rejected++;
          continue;
        }
        await this.exclusive(() => this.remove(entry.seq));
        sent++;
      }
      return { sent, rejected, remaining: this.entries.length };
    } finally {
      this.draining = false;
    }
  }

  /**
   * Deletes every queued image. Only for sign-out: evidence left behind must not be sent later under
   * the next worker's token. Events have no such method: they are never dropped.
   */
  discardImages(): Promise<number> {
    return this.exclusive(async () => {
      const images = this.entries.filter((e) => e.cls === 'image');
      for (const image of images) await this.remove(image.seq);
      return images.length;
    });
  }

  /**
   * Deletes the queued images of one trigger (or both): when the organisation's capture mode stops
   * allowing them, images taken under the old mode must not leave the PC either.
   */
  async discardImagesOf(triggers: readonly ImageTrigger[]): Promise<number> {
    let removed = 0;
    for (const entry of this.entries.filter((e) => e.cls === 'image')) {
      const item = await this.read(entry.seq);
      if (item?.class !== 'image' || !triggers.includes(item.trigger)) continue;
      await this.exclusive(async () => {
        if (this.entries.some((e) => e.seq === entry.seq)) {
          await this.remove(entry.seq);
          removed++;
        }
      });
    }
    return removed;
  }

  /**
   * Puts a new version of a queued event (same client id, the server's idempotency key) at the end
   * and removes the old file: used to strip the photo from an enrolment queued under a wider mode.
   * A crash between the two leaves both; the server stores the client id once.
   */
  async replaceEvent(seq: number, data: Record<string, JsonValue>): Promise<boolean> {
    const item = await this.read(seq);
    if (item?.class !== 'event') return false;
    await this.enqueueEvent({ eventType: item.eventType, data, clientId: item.clientId, createdAt: item.createdAt });
    return this.exclusive(async () => {
      if (!this.entries.some((e) => e.seq === seq)) return false;
      await this.remove(seq);
      return true;
    });
  }

  counts(): { events: number; images: number } {
    let images = 0;
    for (const entry of this.entries) if (entry.cls === 'image') images++;
    return { events: this.entries.length - images, images };
  }

  list(): { seq: number; cls: ItemClass; clientId: string }[] {
    return this.entries.map(({ seq, cls, clientId }) => ({ seq, cls, clientId }));
  }

  /** Decrypts one queued item; a file that became unreadable since open() is quarantined and gives null. */
  async read(seq: number): Promise<QueueItem | null> {
    const indexed = this.entries.find((e) => e.seq === seq);
    if (!indexed) return null;
    try {
      const { header, body } = await loadItem(this.dir, this.key, indexed.name);
      const base = { seq: indexed.seq, clientId: header.clientId, createdAt: new Date(header.createdAt) };
      return header.class === 'event'
        ? { ...base, class: 'event', eventType: header.eventType, data: header.data }
        : { ...base, class: 'image', eventClientId: header.eventClientId, source: header.source, trigger: header.trigger ?? 'INCIDENT', jpeg: body };
    } catch (error) {
      await this.exclusive(async () => {
        if (!isNotFound(error)) await quarantine(this.dir, indexed.name, this.now());
        this.forget(indexed.seq);
      });
      return null;
    }
  }

  /** Waits for pending writes; further writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The offline queue is closed'));
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async write(cls: ItemClass, header: StoredHeader, body: Uint8Array): Promise<number> {
    const seq = this.nextSeq++;
    const name = itemFileName(seq, cls);
    await writeFileAtomic(join(this.dir, name), encodeItem(this.key, name, header, body));
    this.entries.push({ seq, cls, name, clientId: header.clientId });
    return seq;
  }

  private async evictImages(): Promise<number> {
    let evicted = 0;
    while (this.counts().images > this.maxImages) {
      const oldest = this.entries.find((e) => e.cls === 'image');
      if (!oldest) break;
      await this.remove(oldest.seq);
      evicted++;
    }
    return evicted;
  }

  private async remove(seq: number): Promise<void> {
    const entry = this.entries.find((e) => e.seq === seq);
    if (!entry) return;
    await unlink(join(this.dir, entry.name)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    this.forget(seq);
  }

  private async setAside(seq: number): Promise<void> {
    const entry = this.entries.find((e) => e.seq === seq);
    if (!entry) return;
    await mkdir(join(this.dir, REJECTED_DIR), { recursive: true });
    // Sequence numbers restart after the queue empties: the time suffix keeps earlier rejects.
    await rename(join(this.dir, entry.name), join(this.dir, REJECTED_DIR, `${entry.name}.${this.now().getTime()}`)).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    this.forget(seq);
  }

  private forget(seq: number) {
    const index = this.entries.findIndex((e) => e.seq === seq);
    if (index >= 0) this.entries.splice(index, 1);
  }
}
