// What a worker consents to, and when a change of it needs consent again (issue 20). Pure and
// dependency-free: the agent (main and renderer) imports this very file, so the agent and the
// server's consent record decide "captures more" by one definition.

export type CaptureModeName = 'INTERVAL_AND_INCIDENT' | 'INCIDENT_ONLY' | 'VERDICT_ONLY';
export type ScreenshotModeName = 'FULL' | 'REDUCED' | 'REDACTED';

/**
 * The terms in canonical form: a setting that captures nothing under the mode is null (no interval
 * outside interval + incident, no screenshots in verdict-only), so two settings that capture the
 * same have equal terms. Who can see the images is fixed by the product (the organisation's
 * administrators and the worker's managers), so it is not a term that can change.
 */
export interface CaptureTerms {
  captureMode: CaptureModeName;
  /** Minutes between interval captures; null when none are taken. */
  captureIntervalMin: number | null;
  /** What screenshots show; null when none leave the PC. */
  screenshotMode: ScreenshotModeName | null;
  /** Days the server keeps evidence and events. */
  retentionDays: number;
}

export interface CaptureSettings {
  captureMode: CaptureModeName;
  captureIntervalMin: number;
  screenshotMode: ScreenshotModeName;
  retentionDays: number;
}

export function captureTermsOf(s: CaptureSettings): CaptureTerms {
  return {
    captureMode: s.captureMode,
    captureIntervalMin: s.captureMode === 'INTERVAL_AND_INCIDENT' ? s.captureIntervalMin : null,
    screenshotMode: s.captureMode === 'VERDICT_ONLY' ? null : s.screenshotMode,
    retentionDays: s.retentionDays,
  };
}

/** verdict-only < incident-only < interval + incident. */
const MODE_RANK: Record<CaptureModeName, number> = { VERDICT_ONLY: 0, INCIDENT_ONLY: 1, INTERVAL_AND_INCIDENT: 2 };

/**
 * Screenshots: none < reduced, redacted < full. Reduced (the whole screen, smaller) and redacted
 * (full size, chosen areas blacked out) are not comparable: each shows something the other hides.
 */
function screenshotsAtMost(a: ScreenshotModeName | null, b: ScreenshotModeName | null): boolean {
  return a === b || a === null || b === 'FULL';
}

/** Interval captures: none < every n minutes < every m minutes when m < n. */
function intervalAtMost(a: number | null, b: number | null): boolean {
  if (a === null) return true;
  return b !== null && a >= b;
}

/**
 * The partial order "a captures no more than b": on every term at most as much (mode, interval
 * frequency, screenshots, retention). Reflexive, antisymmetric and transitive over canonical terms.
 */
export function capturesAtMost(a: CaptureTerms, b: CaptureTerms): boolean {
  return (
    MODE_RANK[a.captureMode] <= MODE_RANK[b.captureMode] &&
    intervalAtMost(a.captureIntervalMin, b.captureIntervalMin) &&
    screenshotsAtMost(a.screenshotMode, b.screenshotMode) &&
    a.retentionDays <= b.retentionDays
  );
}

export function sameTerms(a: CaptureTerms, b: CaptureTerms): boolean {
  return capturesAtMost(a, b) && capturesAtMost(b, a);
}

/**
 * Whether the worker is asked for consent again: never consented, or the current terms capture
 * more in some respect than the terms last agreed to. A change that captures less (or the same)
 * is shown, not asked. A change that widens one term and narrows another (not comparable) asks,
 * and so does its reverse: each direction widens something.
 */
export function asksConsentAgain(consented: CaptureTerms | null, current: CaptureTerms): boolean {
  return consented === null || !capturesAtMost(current, consented);
}
