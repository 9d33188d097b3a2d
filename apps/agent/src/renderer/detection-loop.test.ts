import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckDepth, FaceObservation, FrameAnalysis } from '@telework/face/verdict';
import type { AgentSettings } from '../contract/bridge';
import { DetectionLoop, type DetectionDeps } from './detection-loop';

const settings: AgentSettings = { thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 2, impersonationAfterChecks: 2, captureIntervalMin: 10, autoPunchFromPresence: false, screenshotMode: 'FULL', redactionAreas: null, captureMode: 'INTERVAL_AND_INCIDENT', retentionDays: 90 };
const WORKER = Array.from({ length: 128 }, (_, i) => (i % 7) / 7 - 0.4);

const STRANGER = WORKER.map((v) => v + 1);

interface Scene {
  /** What the antispoof model would say of the worker's face (a photo held up scores low). */
  real: number;
  /** A second person looking over the worker's shoulder. */
  peeker?: boolean;
  /** The lens covered: no face and a nearly uniform frame. */
  covered?: boolean;
}

function face(box: FaceObservation['box'], embedding: readonly number[], real: number, depth: CheckDepth): FaceObservation {
  const full = depth === 'full';
  return { score: 0.95, boxScore: 0.95, faceScore: 0.95, box, sharpness: null, embedding: full ? embedding : null, real: full ? real : null, live: full ? 0.95 : null };
}

function sceneFrame(scene: Scene, depth: CheckDepth): FrameAnalysis {
  if (scene.covered) return { width: 640, height: 480, faces: [], luma: { mean: 3, sd: 0.4 } };
  const faces = [face([200, 120, 220, 220], WORKER, scene.real, depth)];
  if (scene.peeker) faces.push(face([20, 60, 120, 120], STRANGER, 0.9, depth));
  return { width: 640, height: 480, faces };
}

function harness(sceneOfCheck: (n: number) => Scene, captureMode: AgentSettings['captureMode'] = 'INTERVAL_AND_INCIDENT') {
  const calls: CheckDepth[][] = [];
  const reportIncident = vi.fn<DetectionDeps['bridge']['reportIncident']>(async () => ({ clientId: 'c', delivered: true }));
  const reportPresence = vi.fn<DetectionDeps['bridge']['reportPresence']>(async () => ({ clientId: 'c', delivered: true }));
  let current: CheckDepth[] = [];
  let stills = 0;
  const loop = new DetectionLoop({
    bridge: { reportIncident, reportPresence },
    settings: { ...settings, captureMode },
    enrolled: [WORKER],
    analyze: async ({ depth }) => {
      current.push(depth);
      return sceneFrame(sceneOfCheck(calls.length), depth);
    },
    captureStill: async () => {
      stills++;
      return new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    },
    // One entry per check: the depths of the analyses it ran.
    onCheck: () => {
      calls.push(current);
      current = [];
    },
  });
  return { loop, calls, reportIncident, reportPresence, stills: () => stills };
}

describe('DetectionLoop and the depth of its checks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const runChecks = async (n: number) => {
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i < n; i++) await vi.advanceTimersByTimeAsync(settings.detectionIntervalSec * 1000);
  };

  it('recognises on the first check and on every third while the worker sits still', async () => {
    const { loop, calls, reportIncident, reportPresence } = harness(() => ({ real: 0.9 }));
    loop.start();
    await runChecks(7);
    loop.stop();
    expect(calls).toEqual([['full'], ['light'], ['light'], ['full'], ['light'], ['light'], ['full']]);
    expect(reportPresence).toHaveBeenCalledTimes(1);
    expect(reportIncident).not.toHaveBeenCalled();
  });

  it('a photo of the worker held up from check 5 on: recognised from the next full check on, SPOOF after K in a row', async () => {
    const { loop, calls, reportIncident } = harness((n) => ({ real: n >= 4 ? 0.05 : 0.9 }));
    loop.start();
    await runChecks(8);
    loop.stop();
    // Checks 5 and 6 are light and still look present; 7 sees the spoof, 8 confirms it (K = 2).
    expect(calls).toEqual([['full'], ['light'], ['light'], ['full'], ['light'], ['light'], ['full'], ['full']]);
    expect(reportIncident).toHaveBeenCalledTimes(1);
    expect(reportIncident.mock.calls[0]?.[0]).toMatchObject({ kind: 'SPOOF', faceCount: 1 });
  });

  it('a second face on a light check is recognised on that same check and reported as PEEKING', async () => {
    const { loop, calls, reportIncident } = harness((n) => ({ real: 0.9, peeker: n === 1 }));
    loop.start();
    await runChecks(3);
    loop.stop();
    expect(calls).toEqual([['full'], ['light', 'full'], ['full']]);
    expect(reportIncident).toHaveBeenCalledTimes(1);
    expect(reportIncident.mock.calls[0]?.[0]).toMatchObject({ kind: 'PEEKING', faceCount: 2 });
  });

  it('verdict only: the peeking incident is reported with its verdict, and no still is taken', async () => {
    const { loop, reportIncident, stills } = harness((n) => ({ real: 0.9, peeker: n === 1 }), 'VERDICT_ONLY');
    loop.start();
    await runChecks(3);
    loop.stop();
    expect(reportIncident).toHaveBeenCalledTimes(1);
    expect(reportIncident.mock.calls[0]?.[0]).toEqual({ kind: 'PEEKING', faceCount: 2, similarity: expect.any(Number), occurredAt: expect.any(Date) });
    expect(stills()).toBe(0);
  });

  it('a covered camera: after M covered checks one COVERED_CAMERA incident (no face, no similarity, the dark still) and AWAY', async () => {
    const { loop, reportIncident, reportPresence, stills } = harness((n) => ({ real: 0.9, covered: n >= 1 }));
    loop.start();
    await runChecks(6);
    loop.stop();
    expect(reportIncident).toHaveBeenCalledTimes(1);
    expect(reportIncident.mock.calls[0]?.[0]).toEqual({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null, occurredAt: expect.any(Date), cameraJpeg: expect.any(Uint8Array) });
    expect(stills()).toBe(1);
    expect(reportPresence.mock.calls.map((c) => c[0].state)).toEqual(['PRESENT', 'AWAY']);
  });

  it('an empty seat (frames with contrast) is AWAY only, never COVERED_CAMERA', async () => {
    const reportIncident = vi.fn<DetectionDeps['bridge']['reportIncident']>(async () => ({ clientId: 'c', delivered: true }));
    const reportPresence = vi.fn<DetectionDeps['bridge']['reportPresence']>(async () => ({ clientId: 'c', delivered: true }));
    const loop = new DetectionLoop({
      bridge: { reportIncident, reportPresence },
      settings,
      enrolled: [WORKER],
      analyze: async () => ({ width: 640, height: 480, faces: [], luma: { mean: 120, sd: 40 } }),
      captureStill: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    });
    loop.start();
    await runChecks(4);
    loop.stop();
    expect(reportIncident).not.toHaveBeenCalled();
    expect(reportPresence.mock.calls.map((c) => c[0].state)).toEqual(['AWAY']);
  });

  it('incident only: the incident still is taken as before', async () => {
    const { loop, reportIncident, stills } = harness((n) => ({ real: 0.9, peeker: n === 1 }), 'INCIDENT_ONLY');
    loop.start();
    await runChecks(3);
    loop.stop();
    expect(reportIncident.mock.calls[0]?.[0]).toMatchObject({ kind: 'PEEKING', cameraJpeg: expect.any(Uint8Array) });
    expect(stills()).toBe(1);
  });
});
