/**
 * Evidence at the tenant's capture interval (仕様書: a webcam still and a screenshot every
 * `captureIntervalMin` of a work session): one at work start, then one per interval until stop().
 * The next capture is scheduled after the previous one finished, so a slow one never overlaps.
 */
export class IntervalCapture {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(
    private readonly deps: {
      intervalMin: number;
      capture: () => Promise<void>;
      onError?: (error: unknown) => void;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.deps
        .capture()
        .catch((error: unknown) => this.deps.onError?.(error))
        .finally(() => this.schedule(this.deps.intervalMin * 60_000));
    }, delayMs);
  }
}
