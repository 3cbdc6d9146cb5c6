import type { EnterBookingBody, EnterSeriesBody, FieldError, PaymentChoice } from '@salle/contracts';
import type { TimeStep } from '@salle/contracts/browser';
import {
  BOOKING_REQUEST_ALIASES,
  BOOKING_REQUEST_FIELDS,
  buildBookingRequest,
  buildSeriesRequest,
  type BookingRequestForm,
  type Built,
} from '../booking-request/booking-request-model';

/** The request a collège's staff enter for an organisation: a member's request, plus where and how it is paid. */
export interface StaffEntryForm extends BookingRequestForm {
  spaceId: string;
  paymentChoice: PaymentChoice;
  approve: boolean;
  message: string;
}

/** How the organisation will pay, as the staff member offers it. */
export const PAYMENT_CHOICE_OPTIONS: { value: PaymentChoice; label: string; hint: string }[] = [
  {
    value: 'counter',
    label: 'Au guichet du collège',
    hint: 'Chèque ou espèces remis à la régie du collège, qui donne un reçu',
  },
  { value: 'online', label: 'En ligne', hint: 'Par carte bancaire, une fois la demande acceptée' },
];

/** Form keys and their labels, for the error summary: a member's request, with the space and the payment. */
export const STAFF_ENTRY_FIELDS: Record<string, string> = {
  spaceId: 'Espace',
  ...BOOKING_REQUEST_FIELDS,
  paymentChoice: 'Règlement',
  message: 'Message à l’organisme',
};

/** The member's form puts a space error on its organisation (it has no space field); this one has a space field. */
export const STAFF_ENTRY_ALIASES: Record<string, string> = { ...BOOKING_REQUEST_ALIASES, spaceId: 'spaceId' };

/** The number a person gives on the phone: an RNA, a SIREN, or a SIRET, whose first 9 digits are the SIREN. */
export function lookupNumber(typed: string): { ok: true; number: string } | { ok: false; error: FieldError } {
  const number = typed.replace(/[\s.-]/g, '').toUpperCase();
  if (!number)
    return { ok: false, error: { field: 'number', message: 'indiquez le numéro RNA, SIREN ou SIRET de l’organisme' } };
  return { ok: true, number: /^\d{14}$/.test(number) ? number.slice(0, 9) : number };
}

function staffErrors(form: StaffEntryForm): FieldError[] {
  return form.spaceId ? [] : [{ field: 'spaceId', message: 'choisissez l’espace' }];
}

function staffFields(form: StaffEntryForm, invoiced: boolean) {
  const message = form.message.trim();
  return {
    paymentChoice: invoiced ? ('invoice' as const) : form.paymentChoice,
    approve: form.approve,
    ...(form.approve && message ? { message } : {}),
  };
}

/** Both the member's checks and the space, so that every mistake shows at once. */
function merged<T>(form: StaffEntryForm, built: Built<T>): Built<T> {
  const errors = [...staffErrors(form), ...(built.ok ? [] : built.errors)];
  return errors.length || !built.ok ? { ok: false, errors } : built;
}

/**
 * The one-off request the service expects, or every problem at once. A commune's booking is invoiced: it carries
 * its invoicing identifiers and the payment choice is the invoice (the service requires both).
 */
export function buildEnteredBooking(form: StaffEntryForm, step: TimeStep, invoiced: boolean): Built<EnterBookingBody> {
  const built = merged(form, buildBookingRequest(form.spaceId, form, step, invoiced));
  return built.ok ? { ok: true, body: { ...built.body, ...staffFields(form, invoiced) } } : built;
}

/**
 * The weekly series the service expects (its preview is `seriesPreviewOf` of the body), or every problem at once.
 * A commune's series is invoiced (one invoice per payment period), as its one-off booking.
 */
export function buildEnteredSeries(form: StaffEntryForm, step: TimeStep, invoiced = false): Built<EnterSeriesBody> {
  const built = merged(form, buildSeriesRequest(form.spaceId, form, step, invoiced));
  return built.ok ? { ok: true, body: { ...built.body, ...staffFields(form, invoiced) } } : built;
}
