import { describe, expect, it } from 'vitest';
import { AutoPunch, awayWindowMs, type AutoPunchKind } from './auto-punch';

/** A clock the test moves by hand, and the punches made. */
function harness(settings = { awayAfterChecks: 3, detectionIntervalSec: 10 }) {
  let now = Date.UTC(2026, 11, 2, 0, 0, 0);
  const punches: { kind: AutoPunchKind; at: number }[] = [];
  const auto = new AutoPunch({ awayWindowMs: awayWindowMs(settings), now: () => now, punch: async (kind) => void punches.push({ kind, at: now }) });
  return { auto, punches, tick: (seconds: number) => (now += seconds * 1000), start: now };
}

describe('AutoPunch', () => {
  it('starts work on the first present verdict with no session open, and only then', async () => {
    const { auto, punches, tick } = harness();
    expect(await auto.observe('unknown', false)).toBeNull();
    tick(10);
    expect(await auto.observe('away', false)).toBeNull();
    tick(10);
    expect(await auto.observe('present', false)).toBe('WORK_START');
    // The session is open now: presence alone never starts another one.
    tick(10);
    expect(await auto.observe('present', true)).toBeNull();
    expect(punches.map((p) => p.kind)).toEqual(['WORK_START']);
  });

  it('ends work once away has held for the away window (M checks × interval), not before', async () => {
    const { auto, punches, tick, start } = harness();
    expect(await auto.observe('away', true)).toBeNull();
    tick(10);
    expect(await auto.observe('away', true)).toBeNull();
    tick(19);
    expect(await auto.observe('away', true)).toBeNull();
    tick(1);
    expect(await auto.observe('away', true)).toBe('WORK_END');
    expect(punches).toEqual([{ kind: 'WORK_END', at: start + 30_000 }]);
  });

  it('a return before the window is over starts the window again', async () => {
    const { auto, punches, tick } = harness({ awayAfterChecks: 2, detectionIntervalSec: 5 });
    await auto.observe('away', true);
    tick(9);
    expect(await auto.observe('present', true)).toBeNull();
    tick(1);
    await auto.observe('away', true);
    tick(9);
    expect(await auto.observe('away', true)).toBeNull();
    tick(1);
    expect(await auto.observe('away', true)).toBe('WORK_END');
    expect(punches).toHaveLength(1);
  });

  it('makes one punch per decision even when checks arrive while it is being sent', async () => {
    let release: () => void = () => undefined;
    const kinds: AutoPunchKind[] = [];
    const auto = new AutoPunch({ awayWindowMs: 0, now: () => 0, punch: (kind) => new Promise<void>((resolve) => ((release = resolve), kinds.push(kind))) });
    const first = auto.observe('present', false);
    expect(await auto.observe('present', false)).toBeNull();
    release();
    expect(await first).toBe('WORK_START');
    expect(kinds).toEqual(['WORK_START']);
  });
});
