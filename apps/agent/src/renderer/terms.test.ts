import { describe, expect, it } from 'vitest';
import { asksConsentAgain } from '@telework/api/capture-terms';
import { consentTerms, consentTermsKey, termsOfKey, type AgentSettings } from '../contract/bridge';
import { messages } from './messages';
import { termsLines } from './terms';

const base: AgentSettings = { thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 3, impersonationAfterChecks: 2, captureIntervalMin: 5, autoPunchFromPresence: false, screenshotMode: 'REDUCED', redactionAreas: null, captureMode: 'INTERVAL_AND_INCIDENT', retentionDays: 30 };

/** The Japanese sentences as the worker reads them. */
const ja = (s: AgentSettings) => termsLines(s).map((l) => Object.entries(l.vars ?? {}).reduce<string>((text, [k, v]) => text.replace(`{${k}}`, String(v)), messages[l.key].ja));

describe('the terms in plain words', () => {
  it('interval and incident: the interval, the screenshot treatment, who sees, how long', () => {
    const lines = ja(base);
    expect(lines[0]).toContain('5分ごと');
    expect(lines[1]).toContain('960×540');
    expect(lines[3]).toContain('30日');
    expect(lines).toHaveLength(4);
  });

  it('verdict only: says no image leaves the PC, and nothing about screenshots or intervals', () => {
    const lines = ja({ ...base, captureMode: 'VERDICT_ONLY' });
    expect(lines[0]).toContain('画像は一切');
    expect(lines.join('')).not.toMatch(/スクリーンショットを|分ごと/);
    expect(lines).toHaveLength(3);
  });

  it('every placeholder of every line is filled', () => {
    for (const captureMode of ['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY'] as const) {
      for (const screenshotMode of ['FULL', 'REDUCED', 'REDACTED'] as const) {
        for (const line of ja({ ...base, captureMode, screenshotMode })) expect(line).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('the consent key and the terms it names', () => {
  it('a stored key gives back its terms (keys stored by earlier agents keep their consent); anything else none', () => {
    for (const s of [base, { ...base, captureMode: 'INCIDENT_ONLY' as const }, { ...base, captureMode: 'VERDICT_ONLY' as const }, { ...base, screenshotMode: 'REDACTED' as const }]) {
      expect(termsOfKey(consentTermsKey(s))).toEqual(consentTerms(s));
    }
    for (const k of [null, '', 'v1:OFF:5:FULL:90', 'v2:VERDICT_ONLY:-:-:90', `${consentTermsKey(base)}:x`]) expect(termsOfKey(k)).toBeNull();
  });

  it('the agent asks again only for terms that capture more than those agreed to', () => {
    const agreed = termsOfKey(consentTermsKey(base));
    expect(asksConsentAgain(agreed, consentTerms({ ...base, captureMode: 'VERDICT_ONLY' }))).toBe(false);
    expect(asksConsentAgain(agreed, consentTerms({ ...base, retentionDays: base.retentionDays + 1 }))).toBe(true);
    expect(asksConsentAgain(termsOfKey(null), consentTerms({ ...base, captureMode: 'VERDICT_ONLY' }))).toBe(true);
  });

  it('changes with what is captured, how often, the screenshots and the retention; not with face-check tuning', () => {
    const k = consentTermsKey(base);
    expect(consentTermsKey({ ...base, thresholdLevel: 5, detectionIntervalSec: 30, autoPunchFromPresence: true })).toBe(k);
    for (const changed of [{ captureMode: 'INCIDENT_ONLY' }, { captureMode: 'VERDICT_ONLY' }, { captureIntervalMin: 1 }, { screenshotMode: 'FULL' }, { retentionDays: 90 }] as const) {
      expect(consentTermsKey({ ...base, ...changed })).not.toBe(k);
    }
    // In verdict-only mode the interval and screenshot settings take nothing: changing them asks nothing.
    const v = { ...base, captureMode: 'VERDICT_ONLY' as const };
    expect(consentTermsKey({ ...v, captureIntervalMin: 60, screenshotMode: 'FULL' })).toBe(consentTermsKey(v));
  });
});
