import Stripe from 'stripe';
import type { Db } from '@telework/db';
import { applyStripeEvent } from '../billing/payments';
import { apiEnv } from '../env';
import { getServerDb } from './db';

export interface StripeWebhookDeps {
  db: Db;
  /** The endpoint's signing secret (whsec_…). */
  secret: string | undefined;
  stripe?: Stripe;
  /** The server clock (tests fix it). */
  now?: () => Date;
}

/** Stripe's own tolerance for a signature's age, applied here both ways (seconds). */
export const STRIPE_WEBHOOK_TOLERANCE_SEC = 300;

/** The signed timestamp `t=` of a Stripe-Signature header, in seconds; null when absent or malformed. */
function signedTimestamp(header: string): number | null {
  for (const part of header.split(',')) {
    const [key, value] = part.split('=');
    if (key?.trim() === 't' && value && /^\d{1,12}$/.test(value.trim())) return Number(value.trim());
  }
  return null;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * POST /api/stripe/webhook. The raw body is verified with the Stripe-Signature header
 * (stripe.webhooks.constructEvent, 5-minute tolerance) before anything is read from it. Stripe's check
 * only refuses old timestamps; one more than the tolerance in the future is refused here as well, so a
 * signed request cannot be held back and replayed later than intended.
 * 400 for a bad signature, 503 when no secret is configured; otherwise 200, also for replays and unknown types.
 */
export async function handleStripeWebhook(req: Request, deps?: Partial<StripeWebhookDeps>): Promise<Response> {
  if (req.method !== 'POST') return json(405, { error: 'POST only' });
  const secret = deps && 'secret' in deps ? deps.secret : apiEnv.STRIPE_WEBHOOK_SECRET;
  if (!secret) return json(503, { error: 'Stripe webhooks are not configured' });
  const signature = req.headers.get('stripe-signature');
  if (!signature) return json(400, { error: 'Missing Stripe-Signature' });
  const raw = await req.text();
  const stripe = deps?.stripe ?? new Stripe(apiEnv.STRIPE_SECRET_KEY ?? 'sk_unused_for_verification');
  const nowMs = (deps?.now?.() ?? new Date()).getTime();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(raw, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SEC, undefined, nowMs);
  } catch {
    return json(400, { error: 'Invalid signature' });
  }
  const signedAt = signedTimestamp(signature);
  if (signedAt === null || signedAt - Math.floor(nowMs / 1000) > STRIPE_WEBHOOK_TOLERANCE_SEC) {
    return json(400, { error: 'Timestamp outside the tolerance zone' });
  }
  const outcome = await applyStripeEvent(deps?.db ?? getServerDb(), event);
  return json(200, { received: true, outcome });
}
