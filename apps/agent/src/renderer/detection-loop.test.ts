import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaceObservation, FrameAnalysis } from '@telework/face/verdict';
import type { AgentSettings } from '../shared/bridge';
import { DetectionLoop, type DetectionDeps } from './detection-loop';

const settings: AgentSettings = { thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 2, impersonationAfterChecks: 2, captureIntervalMin: 10, autoPunchFromPresence: false, screenshotMode: 'FULL', redactionAreas: null };
const WORKER = Array.from({ length: 1024 }, (_, i) => (i % 7) / 7 - 0.4);

/** One face showing the worker; `real` is what the antispoof model would say, when it runs. */
function workerFrame(real: number, spoofModels: boolean): FrameAnalysis {
  const face: FaceObservation = {
    score: 0.95, boxScore: 0.95, faceScore: 0.95, box: [200, 120, 220, 220], embedding: WORKER, sharpness: null,
    real: spoofModels ? real : null,
    live: spoofModels ? 0.95 : null,
  };
  return { width: 640, height: 480, faces: [face] };
}

function harness(realOfCheck: (n: number) => number) {
  const calls: boolean[] = [];
  const reportIncident = vi.fn<DetectionDeps['bridge']['reportIncident']>(async () => ({ clientId: 'c', delivered: true }));
  const reportPresence = vi.fn<DetectionDeps['bridge']['reportPresence']>(async () => ({ clientId: 'c', delivered: true }));
  const loop = new DetectionLoop({
    bridge: { reportIncident, reportPresence },
    settings,
    enrolled: [WORKER],
    analyze: async ({ spoofModels }) => {
      calls.push(spoofModels);
      return workerFrame(realOfCheck(calls.length), spoofModels);
    },
    captureStill: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  });
  return { loop, calls, reportIncident, reportPresence };
}

describe('DetectionLoop and the spoof models', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const runChecks = async (n: number) => {
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i < n; i++) await vi.advanceTimersByTimeAsync(settings.detectionIntervalSec * 1000);
  };

  it('runs them on the first check and on every third while the worker stays present', async () => {
    const { loop, calls, reportIncident, reportPresence } = harness(() => 0.9);
    loop.start();
    await runChecks(7);
    loop.stop();
    expect(calls).toEqual([true, false, false, true, false, false, true]);
    expect(reportPresence).toHaveBeenCalledTimes(1);
    expect(reportIncident).not.toHaveBeenCalled();
  });

  it('a photo of the worker held up from check 5 on: scored from its first spoof verdict on, SPOOF after K in a row', async () => {
    const { loop, calls, reportIncident } = harness((n) => (n >= 5 ? 0.05 : 0.9));
    loop.start();
    await runChecks(8);
    loop.stop();
    // Checks 5 and 6 skip the models and still look present; 7 sees the spoof, 8 confirms it (K = 2).
    expect(calls).toEqual([true, false, false, true, false, false, true, true]);
    expect(reportIncident).toHaveBeenCalledTimes(1);
    expect(reportIncident.mock.calls[0]?.[0]).toMatchObject({ kind: 'SPOOF', faceCount: 1 });
  });
});
