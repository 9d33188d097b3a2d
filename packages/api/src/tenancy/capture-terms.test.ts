import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asksConsentAgain, captureTermsOf, capturesAtMost, sameTerms, type CaptureSettings, type CaptureTerms } from './capture-terms';

const settings: fc.Arbitrary<CaptureSettings> = fc.record({
  captureMode: fc.constantFrom('INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY'),
  // Small ranges so that equal and neighbouring values are drawn often.
  captureIntervalMin: fc.integer({ min: 1, max: 4 }),
  screenshotMode: fc.constantFrom('FULL', 'REDUCED', 'REDACTED'),
  retentionDays: fc.integer({ min: 1, max: 4 }),
});
const terms = settings.map(captureTermsOf);

const base: CaptureSettings = { captureMode: 'INTERVAL_AND_INCIDENT', captureIntervalMin: 10, screenshotMode: 'REDUCED', retentionDays: 90 };
const t = (over: Partial<CaptureSettings> = {}): CaptureTerms => captureTermsOf({ ...base, ...over });

describe('capturesAtMost is a partial order', () => {
  it('reflexive', () => {
    fc.assert(fc.property(terms, (a) => capturesAtMost(a, a)), { numRuns: 1000 });
  });
  it('antisymmetric: each at most the other means the same terms', () => {
    fc.assert(fc.property(terms, terms, (a, b) => !(capturesAtMost(a, b) && capturesAtMost(b, a)) || JSON.stringify(a) === JSON.stringify(b)), { numRuns: 5000 });
  });
  it('transitive', () => {
    fc.assert(fc.property(terms, terms, terms, (a, b, c) => !(capturesAtMost(a, b) && capturesAtMost(b, c)) || capturesAtMost(a, c)), { numRuns: 5000 });
  });
});

describe('asksConsentAgain', () => {
  it('a change and its reverse never both ask when one captures at most the other; no change never asks', () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        const comparable = capturesAtMost(a, b) || capturesAtMost(b, a);
        const both = asksConsentAgain(a, b) && asksConsentAgain(b, a);
        // Both directions ask exactly when each widens something the other does not capture.
        return both === !comparable && (!sameTerms(a, b) || !asksConsentAgain(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('asks exactly when the new terms capture more in some respect', () => {
    fc.assert(fc.property(terms, terms, (consented, current) => asksConsentAgain(consented, current) === !capturesAtMost(current, consented)), { numRuns: 2000 });
    expect(asksConsentAgain(null, t({ captureMode: 'VERDICT_ONLY' }))).toBe(true);
  });

  it('each term, widened: asked; narrowed: not asked', () => {
    const wider: [CaptureTerms, CaptureTerms][] = [
      [t({ captureMode: 'VERDICT_ONLY' }), t({ captureMode: 'INCIDENT_ONLY' })],
      [t({ captureMode: 'INCIDENT_ONLY' }), t({ captureMode: 'INTERVAL_AND_INCIDENT' })],
      [t({ captureMode: 'VERDICT_ONLY' }), t()],
      [t({ captureIntervalMin: 10 }), t({ captureIntervalMin: 5 })],
      [t({ screenshotMode: 'REDUCED' }), t({ screenshotMode: 'FULL' })],
      [t({ screenshotMode: 'REDACTED' }), t({ screenshotMode: 'FULL' })],
      [t({ retentionDays: 90 }), t({ retentionDays: 91 })],
    ];
    for (const [narrow, wide] of wider) {
      expect(asksConsentAgain(narrow, wide)).toBe(true);
      expect(asksConsentAgain(wide, narrow)).toBe(false);
    }
  });

  it('settings that capture nothing under the mode are not terms; reduced and redacted screenshots are not comparable', () => {
    // Verdict-only takes no screenshots and no interval images: their settings changing asks nothing.
    expect(asksConsentAgain(t({ captureMode: 'VERDICT_ONLY', screenshotMode: 'REDUCED', captureIntervalMin: 30 }), t({ captureMode: 'VERDICT_ONLY', screenshotMode: 'FULL', captureIntervalMin: 1 }))).toBe(false);
    expect(asksConsentAgain(t({ captureMode: 'INCIDENT_ONLY', captureIntervalMin: 30 }), t({ captureMode: 'INCIDENT_ONLY', captureIntervalMin: 1 }))).toBe(false);
    expect(asksConsentAgain(t({ screenshotMode: 'REDUCED' }), t({ screenshotMode: 'REDACTED' }))).toBe(true);
    expect(asksConsentAgain(t({ screenshotMode: 'REDACTED' }), t({ screenshotMode: 'REDUCED' }))).toBe(true);
    // Less of one thing does not pay for more of another.
    expect(asksConsentAgain(t(), t({ captureMode: 'INCIDENT_ONLY', retentionDays: 365 }))).toBe(true);
  });
});
