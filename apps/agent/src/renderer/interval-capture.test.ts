import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { intervalCapture } from './interval-capture';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('intervalCapture', () => {
  it('captures at start and then every interval, and never after stop', async () => {
    const at: number[] = [];
    const start = Date.now();
    const capture = intervalCapture({ intervalMin: 5, capture: async () => void at.push(Date.now() - start) });
    capture.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(at).toEqual([0, 300_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(at).toEqual([0, 300_000, 600_000]);
    capture.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(at).toHaveLength(3);
  });

  it('goes on after a failed capture', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const capture = intervalCapture({ intervalMin: 1, capture: async () => {
      if (calls++ === 0) throw new Error('camera busy');
    }, onError: (e) => errors.push(e) });
    capture.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('camera busy')]);
    capture.stop();
  });
});
