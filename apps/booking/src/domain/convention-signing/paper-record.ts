import type { BookingStatus } from '@salle/contracts';

/** A civil date as `YYYY-MM-DD` (Paris): compared as text, which orders them by date. */
type LocalDate = string;

/** Statuses in which a convention is issued and may be completed, online or on paper (as `decideSignature`). */
const RECORDABLE_IN: readonly BookingStatus[] = ['approved', 'awaiting_payment', 'confirmed'];

/** Where the convention stands when a paper record is asked for, and what the record says. */
export interface PaperRecordState {
  bookingStatus: BookingStatus;
  /** How the convention was completed already, if it was: by the last online signature, or on paper. */
  completed: 'online' | 'paper' | null;
  /** The day (Paris) the convention was issued: nobody signed it before. */
  issuedOn: LocalDate;
  /** The date written on the paper, and today (Paris). */
  signedOn: LocalDate;
  today: LocalDate;
}

export type PaperRecordRefusalCode =
  | 'convention_not_signable'
  | 'convention_already_signed'
  | 'convention_signed_on_paper'
  | 'paper_signed_in_future'
  | 'paper_signed_before_issue';

export type PaperRecordDecision = { ok: true } | { ok: false; code: PaperRecordRefusalCode; message: string };

const refuse = (code: PaperRecordRefusalCode, message: string): PaperRecordDecision => ({ ok: false, code, message });

/** The date written on the paper: neither after today nor, once the convention is known, before its issue. */
export function paperDateRefusal(signedOn: LocalDate, today: LocalDate, issuedOn?: LocalDate): PaperRecordDecision {
  if (signedOn > today)
    return refuse('paper_signed_in_future', 'La date de signature ne peut pas être postérieure à aujourd’hui.');
  if (issuedOn !== undefined && signedOn < issuedOn)
    return refuse(
      'paper_signed_before_issue',
      'La date de signature ne peut pas précéder l’établissement de la convention.',
    );
  return { ok: true };
}

/**
 * Whether the convention may be recorded as signed on paper by every party. A partially signed one may: the paper
 * completes it (its online signatures stay recorded, and the scan, not a sealed PDF, is the signed document). A
 * fully signed one may not, whichever way it was signed: the record is made once.
 */
export function decidePaperRecord(state: PaperRecordState): PaperRecordDecision {
  if (!RECORDABLE_IN.includes(state.bookingStatus))
    return refuse(
      'convention_not_signable',
      'Cette convention ne peut plus être signée\u00a0: la réservation est annulée, refusée, expirée ou terminée.',
    );
  if (state.completed === 'paper')
    return refuse('convention_signed_on_paper', 'Cette convention est déjà enregistrée comme signée sur papier.');
  if (state.completed === 'online')
    return refuse('convention_already_signed', 'Cette convention est déjà signée en ligne par toutes les parties.');
  return paperDateRefusal(state.signedOn, state.today, state.issuedOn);
}
