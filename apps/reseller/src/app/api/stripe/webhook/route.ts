import { handleStripeWebhook } from '@telework/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = (req: Request) => handleStripeWebhook(req);
