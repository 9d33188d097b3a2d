import {
  DEFAULT_THRESHOLD_LEVEL,
  isThresholdLevel,
  judgeFrame,
  PresenceTracker,
  CheckSchedule,
  type FrameAnalysis,
  type FrameVerdict,
  type PresenceEvent,
  type ThresholdLevel,
} from '@telework/face/verdict';
import type { AnalyzeOptions } from '@telework/face/browser';
import { captureAllows, type AgentBridge, type AgentSettings } from '../contract/bridge';
import { RepeatingTimer } from './repeating-timer';

export interface DetectionDeps {
  bridge: Pick<AgentBridge, 'reportPresence' | 'reportIncident'>;
  settings: AgentSettings;
  enrolled: readonly (readonly number[])[];
  /** Analyses the camera's current frame; `depth: 'light'` runs only the detector and mesh. */
  analyze: (options: Required<AnalyzeOptions>) => Promise<FrameAnalysis>;
  /** JPEG still of the camera's current frame (evidence). */
  captureStill: () => Promise<Uint8Array<ArrayBuffer>>;
  onCheck?: (check: { verdict: FrameVerdict; events: PresenceEvent[]; analysisMs: number; state: DetectionLoop['state'] }) => void | Promise<void>;
  onError?: (error: unknown) => void;
  /**
   * Watching for arrival outside a work session (auto punch): verdicts only, nothing is reported
   * and no evidence is taken, since no session is open for it to belong to.
   */
  silent?: boolean;
}

/** Tenant levels above the calibrated 1–5 mean "stricter than 5": use 5 rather than guess. */
export function toThresholdLevel(level: number): ThresholdLevel {
  if (isThresholdLevel(level)) return level;
  return level > 5 ? 5 : DEFAULT_THRESHOLD_LEVEL;
}

/**
 * The presence loop. It reports only between start() (work start) and stop() (work end); outside a
 * session it runs only `silent`, when the tenant has auto punch on. One check every
 * `detectionIntervalSec`, never overlapping (the next is scheduled after the previous one finished).
 */
export class DetectionLoop {
  private readonly timer: RepeatingTimer;
  private readonly tracker: PresenceTracker;
  private readonly level: ThresholdLevel;
  /** Recognition (the embedding; the spoof models are off, see packages/face/README) on arrivals, on changes and every third steady check. */
  private readonly depths = new CheckSchedule();

  constructor(private readonly deps: DetectionDeps) {
    this.tracker = new PresenceTracker({
      awayAfterChecks: deps.settings.awayAfterChecks,
      impersonationAfterChecks: deps.settings.impersonationAfterChecks,
    });
    this.level = toThresholdLevel(deps.settings.thresholdLevel);
    this.timer = new RepeatingTimer(() => this.checkOnce(), () => deps.settings.detectionIntervalSec * 1000, deps.onError);
  }

  get state() {
    return this.tracker.state;
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  async checkOnce(): Promise<void> {
    const started = performance.now();
    const check = await this.depths.check(
      (depth) => this.deps.analyze({ depth }),
      (frame) => judgeFrame(frame, this.deps.enrolled, { level: this.level }),
      () => !this.timer.running, // work ended while the frame was analysed: report nothing
    );
    if (check === null) return;
    const analysisMs = performance.now() - started;
    const { verdict } = check;
    const events = this.tracker.check(verdict);
    if (!this.deps.silent) for (const event of events) await this.report(event, verdict);
    await this.deps.onCheck?.({ verdict, events, analysisMs, state: this.tracker.state });
  }

  private async report(event: PresenceEvent, verdict: FrameVerdict): Promise<void> {
    const occurredAt = new Date();
    if (event.type === 'presenceChanged') {
      if (event.to === 'unknown') return;
      await this.deps.bridge.reportPresence({
        state: event.to === 'present' ? 'PRESENT' : 'AWAY',
        similarity: event.bestSimilarity,
        occurredAt,
      });
      return;
    }
    // Verdict-only mode: not even a still is taken; the incident carries the verdict data alone.
    // A covered camera's still is the dark frame itself: it shows the reviewer what the checks saw.
    const cameraJpeg = captureAllows(this.deps.settings.captureMode, 'INCIDENT') ? await this.deps.captureStill() : undefined;
    const still = cameraJpeg ? { cameraJpeg } : {};
    if (event.type === 'cameraCovered') {
      // Its own incident (the AWAY of the same check is reported too): no face, nobody compared.
      await this.deps.bridge.reportIncident({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null, occurredAt, ...still });
      return;
    }
    const kind = event.kind === 'peeking' ? 'PEEKING' : event.cause === 'spoof' ? 'SPOOF' : 'IMPERSONATION';
    await this.deps.bridge.reportIncident({ kind, faceCount: verdict.faceCount, similarity: event.bestSimilarity, occurredAt, ...still });
  }
}
