/**
 * A counting semaphore. Uploads wait here, in memory and in order, for their turn at the database
 * instead of piling onto the connection pool, where Prisma gives up on a transaction that cannot
 * start within 2 s (P2028) — seen in the bench with 60 agents uploading at once.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Shared by evidence and face uploads; below the default pool size so other requests still get connections. */
export const uploadDbGate = new Gate(4);
