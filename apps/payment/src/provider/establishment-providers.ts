import { PAYFIP_FIELD_RULES } from '@salle/contracts';

/**
 * How a collège (or the département, when its deliberation makes it the creditor) is paid: through
 * Stripe Connect to its payout account, through PayFiP to its public accountant under its own PayFiP
 * client number, or not online at all.
 */
export type EstablishmentProvider = { kind: 'stripe' } | { kind: 'payfip'; numcli: string } | { kind: 'none' };

export const DEFAULT_PROVIDER_KINDS = ['stripe', 'none'] as const;
export type DefaultProviderKind = (typeof DEFAULT_PROVIDER_KINDS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One `establishmentId=stripe|none|payfip:NUMCLI` item of PAYMENT_ESTABLISHMENT_PROVIDERS; null when malformed. */
export function parseEstablishmentProvider(item: string): [string, EstablishmentProvider] | null {
  const match = /^([^=\s]+)\s*=\s*(stripe|none|payfip:(\S+))$/.exec(item.trim());
  if (!match || !UUID.test(match[1] ?? '')) return null;
  const id = (match[1] ?? '').toLowerCase();
  if (match[2] === 'stripe' || match[2] === 'none') return [id, { kind: match[2] }];
  const numcli = match[3] ?? '';
  return PAYFIP_FIELD_RULES.numcli.test(numcli) ? [id, { kind: 'payfip', numcli }] : null;
}

/** The provider of each establishment named in configuration, and the default for the others. */
export class EstablishmentProviders {
  private readonly byEstablishment: ReadonlyMap<string, EstablishmentProvider>;

  constructor(
    items: readonly string[],
    private readonly fallback: DefaultProviderKind = 'stripe',
  ) {
    const entries = items.map((item) => {
      const parsed = parseEstablishmentProvider(item);
      if (!parsed) throw new Error(`malformed establishment provider: ${item}`);
      return parsed;
    });
    this.byEstablishment = new Map(entries);
  }

  of(establishmentId: string): EstablishmentProvider {
    return this.byEstablishment.get(establishmentId.toLowerCase()) ?? { kind: this.fallback };
  }

  /** Whether any establishment is paid through PayFiP (the adapter and its workers are built only then). */
  get usesPayfip(): boolean {
    return [...this.byEstablishment.values()].some((provider) => provider.kind === 'payfip');
  }
}
