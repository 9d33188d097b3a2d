import { readFileSync } from 'node:fs';

/**
 * CPU time of the console instances, read from /proc every second. A process killed with -9 cannot
 * report its own total, so the last reading of every incarnation is kept and summed at the end.
 */
export class CpuMeter {
  private readonly last = new Map<number, number>();
  private readonly base = new Map<number, number>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    this.timer = setInterval(() => this.sample(), 1_000);
    this.timer.unref();
  }

  /** Counts the process's CPU from now on. */
  track(pid: number): void {
    const now = cpuSecondsOf(pid) ?? 0;
    this.base.set(pid, now);
    this.last.set(pid, now);
  }

  private sample(): void {
    for (const pid of this.last.keys()) {
      const seconds = cpuSecondsOf(pid);
      if (seconds !== null) this.last.set(pid, seconds);
    }
  }

  totalSeconds(): number {
    this.sample();
    clearInterval(this.timer);
    return [...this.last].reduce((sum, [pid, seconds]) => sum + seconds - (this.base.get(pid) ?? 0), 0);
  }
}

/** utime + stime of a live process in seconds (Linux clock ticks are 1/100 s), or null once it is gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
