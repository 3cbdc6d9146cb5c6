import type { TariffRow } from './seed-model';

const HALF_DAY_MAX_MINUTES = 240;
const DAY_MAX_MINUTES = 600;

export interface SeedQuote {
  totalCents: number;
  method: 'free' | 'hourly' | 'half_day' | 'day';
  durationMinutes: number;
  explanation: string;
}

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
const duration = (minutes: number) =>
  `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${String(minutes % 60).padStart(2, '0')}` : ''}`;
const prorated = (hourlyCents: number, minutes: number) => Math.floor((hourlyCents * minutes + 30) / 60);

/**
 * The price the booking service would have quoted (same rules as the
 * domain's `quote`: hourly to the minute, half-day up to 4 h and day up to
 * 10 h flat rates plus extra time at the hourly price, the cheapest wins).
 */
export function quoteFor(tariff: TariffRow, minutes: number): SeedQuote {
  if (tariff.hourly_cents === 0)
    return { totalCents: 0, method: 'free', durationMinutes: minutes, explanation: 'Gratuit.' };
  let best: SeedQuote = {
    totalCents: prorated(tariff.hourly_cents, minutes),
    method: 'hourly',
    durationMinutes: minutes,
    explanation: `${duration(minutes)} au tarif horaire de ${euros(tariff.hourly_cents)} : ${euros(prorated(tariff.hourly_cents, minutes))}.`,
  };
  const flats: ['half_day' | 'day', number | null, number, string][] = [
    ['half_day', tariff.half_day_cents, HALF_DAY_MAX_MINUTES, 'demi-journée'],
    ['day', tariff.day_cents, DAY_MAX_MINUTES, 'journée'],
  ];
  for (const [method, flat, max, label] of flats) {
    if (flat === null) continue;
    const extra = prorated(tariff.hourly_cents, Math.max(0, minutes - max));
    if (flat + extra >= best.totalCents) continue;
    best = {
      totalCents: flat + extra,
      method,
      durationMinutes: minutes,
      explanation: `Forfait ${label} (jusqu’à ${duration(max)}) : ${euros(flat)}${extra ? `, plus ${euros(extra)} au tarif horaire` : ''}.`,
    };
  }
  return best;
}
