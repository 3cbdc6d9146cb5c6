import { frenchEuros, frenchTime, smsLength } from '@salle/contracts';
import type { BookingFacts } from '../bookings/booking-facts';
import type { PlannedMessage } from './message-plan';

/**
 * The French typography of the site mapped to the GSM alphabet: one
 * character outside it (’, a no-break space, « ê ») sends the whole SMS in
 * UCS-2, 70 characters instead of 160. The texts are written as French and
 * only then transliterated, so the e-mails keep their typography.
 */
const TO_GSM: Record<string, string> = {
  '\u2019': "'",
  '\u2018': "'",
  '«': '"',
  '»': '"',
  '\u00a0': ' ',
  '\u202f': ' ',
  '–': '-',
  '—': '-',
  '…': '...',
  â: 'a',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  ô: 'o',
  û: 'u',
  ç: 'c',
  œ: 'oe',
  Œ: 'OE',
  À: 'A',
  Â: 'A',
  È: 'E',
  Ê: 'E',
  Î: 'I',
  Ô: 'O',
  Û: 'U',
};

export function toGsmAlphabet(text: string): string {
  // « guillemets » hold their spaces inside; "quotes" do not.
  const quoted = text.replace(/«[\s\u00a0\u202f]*/g, '«').replace(/[\s\u00a0\u202f]*»/g, '»');
  return [...quoted].map((character) => TO_GSM[character] ?? character).join('');
}

const NB = '\u00a0';
const DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' });

/** « 3 mars, 19 h », short enough for an SMS. */
function when(facts: BookingFacts): string | null {
  return facts.startsAt ? `${DAY.format(facts.startsAt)}, ${frenchTime(facts.startsAt)}` : null;
}

/** The first of the variants (longest first) that fits one SMS once transliterated. */
function fitted(variants: string[]): string {
  const texts = variants.map(toGsmAlphabet);
  return texts.find((text) => smsLength(text).segments === 1) ?? texts[texts.length - 1] ?? '';
}

/** The templates worth an SMS: what must be acted on soon, or a session that will not take place. */
export type SmsTemplate = Extract<
  PlannedMessage['template'],
  'approved_to_pay' | 'cancelled_by_establishment' | 'session_reminder'
>;

/**
 * The SMS of a planned message, or null when it does not call for one.
 * No link: OVHcloud's short number blocks SMS that carry a URL; the e-mail has it.
 */
export function smsText(planned: PlannedMessage, facts: BookingFacts): string | null {
  const slot = when(facts);
  const place = facts.spaceName ?? facts.establishmentName;
  if (!slot) return null;
  switch (planned.template) {
    case 'approved_to_pay': {
      const due = `${DAY.format(new Date(planned.payBy))} à ${frenchTime(planned.payBy)}`;
      const head = `Réservation acceptée${NB}: ${slot}`;
      const pay = `Payez ${frenchEuros(planned.amountCents)} avant le ${due}, sinon elle sera annulée.`;
      return fitted([
        `${head}${place ? ` (${place})` : ''}. ${pay} Détails par courriel.`,
        `${head}. ${pay} Détails par courriel.`,
        `${head}. ${pay}`,
      ]);
    }
    case 'cancelled_by_establishment': {
      const head = `Annulation${NB}: le collège a annulé votre réservation du ${slot}`;
      const refund = planned.refundCents ? ` Remboursement${NB}: ${frenchEuros(planned.refundCents)}.` : '';
      return fitted([
        `${head}${place ? ` (${place})` : ''}.${refund} Détails par courriel.`,
        `${head}.${refund} Détails par courriel.`,
        `${head}.${refund}`,
      ]);
    }
    case 'session_reminder':
      return reminderSmsText(facts);
    default:
      return null;
  }
}

/** The reminder of a session, for the reminder schedule: « Rappel : réservation demain, 3 mars, 19 h (Gymnase). » */
export function reminderSmsText(facts: BookingFacts): string | null {
  const slot = when(facts);
  if (!slot) return null;
  const place = facts.spaceName ?? facts.establishmentName;
  return fitted([
    `Rappel${NB}: votre réservation du ${slot}${place ? ` (${place})` : ''}. En cas d’empêchement, annulez-la sur le site.`,
    `Rappel${NB}: votre réservation du ${slot}${place ? ` (${place})` : ''}.`,
    `Rappel${NB}: votre réservation du ${slot}.`,
  ]);
}
