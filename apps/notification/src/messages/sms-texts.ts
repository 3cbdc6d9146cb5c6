import { frenchEuros, frenchTime, smsLength } from '@salle/contracts';
import { isSmsKind, type SMS_NOTIFICATION_KINDS } from '@salle/contracts/notification';
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

/** The templates worth an SMS (`SMS_NOTIFICATION_KINDS`): what must be acted on soon, or a session that will not take place. */
export type SmsTemplate = (typeof SMS_NOTIFICATION_KINDS)[number];

/** « 24 février à 23 h 59 » */
function deadline(iso: string): string {
  return `${DAY.format(new Date(iso))} à ${frenchTime(iso)}`;
}

/** What each SMS says, from the longest variant to the shortest; the typecheck fails when an SMS kind has none. */
const SMS_VARIANTS: {
  [T in SmsTemplate]: (planned: Extract<PlannedMessage, { template: T }>, slot: string, place: string) => string[];
} = {
  approved_to_pay: (planned, slot, place) => {
    const count = planned.series?.sessions.length ?? 1;
    // A series approved in one action: its sessions from the first, and what is due first (or in all).
    const head = planned.series
      ? `Réservation régulière acceptée${NB}: ${count === 1 ? '1 séance' : `${count} séances`} dès le ${slot}`
      : `Réservation acceptée${NB}: ${slot}`;
    const [first, second] = planned.series?.periods ?? [];
    const pay =
      first && second
        ? `Payez ${frenchEuros(first.amountCents)} avant le ${deadline(first.dueAt)}, puis chaque période avant sa date.`
        : `Payez ${frenchEuros(planned.amountCents)} avant le ${deadline(planned.payBy)}, sinon ${planned.series ? 'les créneaux seront libérés' : 'elle sera annulée'}.`;
    return [
      `${head}${place}. ${pay} Détails par courriel.`,
      `${head}. ${pay} Détails par courriel.`,
      `${head}. ${pay}`,
    ];
  },
  cancelled_by_establishment: (planned, slot, place) => {
    const count = planned.series?.sessions.length ?? 1;
    const who = planned.by === 'department' ? 'le département' : 'le collège';
    // Sessions of a series cancelled in one action: how many from the first, and the total refunded.
    const head = planned.series
      ? `Annulation${NB}: ${who} a annulé ${count === 1 ? '1 séance' : `${count} séances`} de votre réservation régulière dès le ${slot}`
      : `Annulation${NB}: ${who} a annulé votre réservation du ${slot}`;
    const refund = planned.refundCents ? ` Remboursement${NB}: ${frenchEuros(planned.refundCents)}.` : '';
    return [
      `${head}${place}.${refund} Détails par courriel.`,
      `${head}.${refund} Détails par courriel.`,
      `${head}.${refund}`,
    ];
  },
  session_reminder: (_planned, slot, place) => [
    `Rappel${NB}: votre réservation du ${slot}${place}. En cas d’empêchement, annulez-la sur le site.`,
    `Rappel${NB}: votre réservation du ${slot}${place}.`,
    `Rappel${NB}: votre réservation du ${slot}.`,
  ],
  payment_reminder: (planned, slot, place) => {
    if (planned.series) {
      // A series' period: its sessions are released together.
      const pay = `Rappel${NB}: payez ${frenchEuros(planned.amountCents)} avant le ${deadline(planned.payBy)} la période ${planned.series.periodLabel} de votre réservation régulière`;
      const short = `Rappel${NB}: payez ${frenchEuros(planned.amountCents)} avant le ${deadline(planned.payBy)} votre réservation régulière`;
      return [
        `${pay}${place}, sinon ses créneaux seront libérés. Détails par courriel.`,
        `${pay}, sinon ses créneaux seront libérés.`,
        `${short}, sinon les créneaux seront libérés.`,
      ];
    }
    const head = `Rappel${NB}: payez ${frenchEuros(planned.amountCents)} avant le ${deadline(planned.payBy)} votre réservation du ${slot}`;
    return [
      `${head}${place}, sinon elle sera annulée. Détails par courriel.`,
      `${head}, sinon elle sera annulée. Détails par courriel.`,
      `${head}, sinon elle sera annulée.`,
    ];
  },
  decision_reminder: (planned, slot, place) => {
    const head = `Rappel${NB}: une demande de réservation du ${slot}`;
    const due = `attend votre décision avant le ${deadline(planned.decideBy)}, sinon elle expirera.`;
    return [`${head}${place} ${due} Détails par courriel.`, `${head} ${due} Détails par courriel.`, `${head} ${due}`];
  },
};

function isSmsTemplate(planned: PlannedMessage): planned is Extract<PlannedMessage, { template: SmsTemplate }> {
  return isSmsKind(planned.template);
}

/**
 * The SMS of a planned message, or null when its kind is not sent by SMS or
 * its slot is unknown. No link: OVHcloud's short number blocks SMS that carry
 * a URL; the e-mail has it.
 */
export function smsText(planned: PlannedMessage, facts: BookingFacts): string | null {
  const slot = when(facts);
  if (!slot || !isSmsTemplate(planned)) return null;
  const name = facts.spaceName ?? facts.establishmentName;
  const variants = SMS_VARIANTS[planned.template] as (p: PlannedMessage, slot: string, place: string) => string[];
  return fitted(variants(planned, slot, name ? ` (${name})` : ''));
}

/**
 * The claim code by SMS, in one GSM-7 segment: the code first (phones offer to copy it), the record's name when it
 * fits. Not held by the quiet hours: the claimant is waiting for it on the site.
 */
export function claimCodeSms(code: string, organisationName: string): string {
  return fitted([
    `${code}${NB}: votre code pour revendiquer ${organisationName} sur Salle sur demande. Valable 15${NB}min. Ne le communiquez à personne.`,
    `${code}${NB}: votre code pour revendiquer un organisme sur Salle sur demande. Valable 15${NB}min. Ne le communiquez à personne.`,
    `${code}${NB}: code Salle sur demande, valable 15${NB}min.`,
  ]);
}
