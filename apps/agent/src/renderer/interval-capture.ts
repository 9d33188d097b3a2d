import { RepeatingTimer } from './repeating-timer';

/**
 * Evidence at the tenant's capture interval (仕様書: a webcam still and a screenshot every
 * `captureIntervalMin` of a work session): one at work start, then one per interval until stop().
 */
export function intervalCapture(deps: { intervalMin: number; capture: () => Promise<void>; onError?: (error: unknown) => void }): RepeatingTimer {
  return new RepeatingTimer(deps.capture, () => deps.intervalMin * 60_000, deps.onError);
}
