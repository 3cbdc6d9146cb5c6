import type { EstablishmentProvider, EstablishmentProviders } from './establishment-providers';
import type { PaymentProvider } from './payment-provider';

/**
 * The adapters of a deployment and the choice among them. A new payment goes through its establishment's
 * provider; everything after (re-reading, closing, refunding) asks the provider its row records.
 */
export class PaymentProviders {
  constructor(
    readonly stripe: PaymentProvider,
    readonly payfip: PaymentProvider,
    private readonly establishments: EstablishmentProviders,
  ) {}

  /** The adapter a payment row names (`payment.provider`). */
  byName(name: string): PaymentProvider {
    return name === this.payfip.name ? this.payfip : this.stripe;
  }

  forEstablishment(establishmentId: string): EstablishmentProvider {
    return this.establishments.of(establishmentId);
  }
}
