import { consentTerms, type AgentSettings } from '../contract/bridge';
import type { MessageKey } from './messages';

/** One sentence of the terms: a message and the values put into its `{…}` placeholders. */
export interface TermsLine {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/**
 * The organisation's actual settings in plain words, in the order a worker asks: what is captured,
 * how often, what the screenshots show, who can see it, how long it is kept.
 */
export function termsLines(settings: AgentSettings): TermsLine[] {
  const t = consentTerms(settings);
  const lines: TermsLine[] = [];
  if (t.captureMode === 'VERDICT_ONLY') lines.push({ key: 'termsWhatVerdictOnly' });
  else if (t.captureMode === 'INCIDENT_ONLY') lines.push({ key: 'termsWhatIncidentOnly' });
  else lines.push({ key: 'termsWhatInterval', vars: { minutes: t.captureIntervalMin ?? settings.captureIntervalMin } });
  if (t.screenshotMode === 'FULL') lines.push({ key: 'termsScreenFull' });
  if (t.screenshotMode === 'REDUCED') lines.push({ key: 'termsScreenReduced' });
  if (t.screenshotMode === 'REDACTED') lines.push({ key: 'termsScreenRedacted' });
  lines.push({ key: 'consentViewers' });
  lines.push({ key: 'termsRetention', vars: { days: t.retentionDays } });
  return lines;
}
