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
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * POST /api/stripe/webhook. The raw body is verified with the Stripe-Signature header
 * (stripe.webhooks.constructEvent, 5-minute tolerance) before anything is read from it.
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
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(raw, signature, secret);
  } catch {
    return json(400, { error: 'Invalid signature' });
  }
  const outcome = await applyStripeEvent(deps?.db ?? getServerDb(), event);
  return json(200, { received: true, outcome });
}
