import { apiEnv } from '../env';
import { issuerSnapshot } from './issuer';

/**
 * How invoices can be paid, for the screens: bank transfer to the provider's account always; Stripe's
 * wording (sent / not sent) only where Stripe is configured.
 */
export function paymentMethods() {
  const issuer = issuerSnapshot();
  return { stripe: apiEnv.STRIPE_SECRET_KEY !== undefined, bankTransfer: issuer.bank, issuerName: issuer.name, registrationNumber: issuer.registrationNumber };
}
