import type { SyncStatus } from '../../contract/bridge';
import type { EventItem, ImageItem } from '../offline-queue/item';
import type { OfflineQueue } from '../offline-queue/offline-queue';

/**
 * The server no longer accepts this device's token (revoked, signed out, contract ended): retrying
 * cannot help until the worker signs in again, so the sync keeps everything and waits for that.
 */
export class DeviceSignedOutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceSignedOutError';
  }
}

/**
 * What the sync needs from the server. Implementations throw RejectedItemError for a permanent
 * refusal (the item is set aside), DeviceSignedOutError when the token is refused, and anything else
 * for "try again later".
 */
export interface AgentServer {
  sendEvent(item: EventItem): Promise<void>;
  /** Without it images wait in the queue (capped). */
  sendImage?(item: ImageItem): Promise<void>;
}

export interface SyncOptions {
  /** First retry delay after a failure; doubles up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  now?: () => Date;
  onStatus?: (status: SyncStatus) => void;
}

/**
 * Sends the offline queue whenever asked and, after a failure, again with exponential backoff until it
 * gets through (仕様書: records kept offline are sent in one batch when back online). Events go first.
 */
export class SyncService {
  private running: Promise<SyncStatus> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private online = false;
  private lastSyncAt: Date | null = null;
  private stopped = false;
  private signedOut = false;

  constructor(
    private readonly queue: OfflineQueue,
    private readonly server: AgentServer,
    private readonly options: SyncOptions = {},
  ) {}

  status(): SyncStatus {
    const counts = this.queue.counts();
    return { online: this.online, signedOut: this.signedOut, queuedEvents: counts.events, queuedImages: counts.images, lastSyncAt: this.lastSyncAt?.toISOString() ?? null };
  }

  /** Runs a sync now; a call during a run makes one more run follow, so nothing queued meanwhile waits for the timer. */
  syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  /** No more scheduled retries (app quitting or signed out). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async loop(): Promise<SyncStatus> {
    let status: SyncStatus;
    do {
      this.again = false;
      status = await this.once();
    } while (this.again && status.online);
    return status;
  }

  private async once(): Promise<SyncStatus> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      const events = await this.queue.drain((item) => (item.class === 'event' ? this.server.sendEvent(item) : Promise.resolve()), { only: 'event' });
      const sendImage = this.server.sendImage?.bind(this.server);
      const images = events.failed || !sendImage ? null : await this.queue.drain((item) => (item.class === 'image' ? sendImage(item) : Promise.resolve()), { only: 'image' });
      this.online = !events.failed && !images?.failed;
      this.signedOut = (events.failed ?? images?.failed)?.error instanceof DeviceSignedOutError;
    } catch {
      // A local failure (disk, a drain already running) is retried like a network one.
      this.online = false;
      this.signedOut = false;
    }
    if (this.online) {
      this.failures = 0;
      this.lastSyncAt = (this.options.now ?? (() => new Date()))();
    } else if (this.signedOut) {
      // No backoff loop against a refused token: the next sign-in runs syncNow.
      this.failures = 0;
    } else {
      this.failures++;
      this.scheduleRetry();
    }
    const status = this.status();
    this.options.onStatus?.(status);
    return status;
  }

  private scheduleRetry() {
    if (this.stopped) return;
    const min = this.options.minRetryMs ?? 5_000;
    const max = this.options.maxRetryMs ?? 5 * 60_000;
    const delay = Math.min(max, min * 2 ** Math.min(this.failures - 1, 20));
    this.timer = setTimeout(() => void this.syncNow(), delay);
    // A pending retry must not keep a quitting app (or a test runner) alive.
    this.timer.unref?.();
  }
}
