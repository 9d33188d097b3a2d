import { z } from 'zod';

/**
 * What the renderer keeps between starts in its own origin's storage: consent, and caches of what
 * main owns — the last face descriptors the server returned (for offline starts) and this PC's own
 * punch state (today's figures when the server cannot be asked).
 */
// The CSP forbids eval (script-src 'self'): keep zod off its compiled fast path.
z.config({ jitless: true });

const workSchema = z.object({
  day: z.string(),
  workStartedAt: z.number().nullable(),
  taskStartedAt: z.number().nullable(),
  workMs: z.number(),
  taskMs: z.number(),
});
export type WorkState = z.infer<typeof workSchema>;

const enrolmentSchema = z.array(z.array(z.number()).min(1)).max(20);

function read<T>(key: string, schema: z.ZodType<T>): T | null {
  const raw = localStorage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Day in Asia/Tokyo (YYYY-MM-DD): today's totals reset at Tokyo midnight. */
export function tokyoDay(at = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(at);
}

export const localStore = {
  hasConsented: () => localStorage.getItem('telework.consent.v1') !== null,
  giveConsent: () => localStorage.setItem('telework.consent.v1', new Date().toISOString()),
  /** The organisation's terms (consentTermsKey) this worker last agreed to on this PC. */
  consentedTerms: (user: string) => localStorage.getItem(`telework.terms.${user}`),
  giveTermsConsent: (user: string, key: string) => localStorage.setItem(`telework.terms.${user}`, key),
  enrolment: (user: string) => read(`telework.enrolment.${user}`, enrolmentSchema) ?? [],
  setEnrolment: (user: string, embeddings: readonly (readonly number[])[]) =>
    localStorage.setItem(`telework.enrolment.${user}`, JSON.stringify(embeddings)),
  work: (): WorkState => {
    const state = read('telework.work', workSchema);
    const day = tokyoDay();
    if (!state) return { day, workStartedAt: null, taskStartedAt: null, workMs: 0, taskMs: 0 };
    // A session left open over midnight keeps running; only the finished totals start again.
    return state.day === day ? state : { ...state, day, workMs: 0, taskMs: 0 };
  },
  setWork: (state: WorkState) => localStorage.setItem('telework.work', JSON.stringify(state)),
};
