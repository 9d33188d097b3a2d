/**
 * Runs `run` at once after start() and then every `intervalMs()` until stop(). The next run is
 * scheduled after the previous one finished, so a slow run (a face check, a capture) never overlaps
 * the next; a failed run goes to `onError` and the schedule goes on.
 */
export class RepeatingTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private active = false;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly intervalMs: () => number,
    private readonly onError?: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule(0);
  }

  stop(): void {
    this.active = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (!this.active) return;
    this.timer = setTimeout(() => {
      this.run()
        .catch((error: unknown) => this.onError?.(error))
        .finally(() => this.schedule(this.intervalMs()));
    }, delayMs);
  }
}
