import {
  createSeriesSchema,
  requestBookingSchema,
  type CreateSeriesBody,
  type FieldError,
  type PreviewSeriesBody,
  type RequestBookingBody,
} from '@salle/contracts';
import { issuesToFieldErrors } from '../../lib/form-errors';
import {
  addDays,
  isoWeekday,
  minutesBetween,
  parisDateOf,
  parisInstant,
  parisIso,
  parisTimeOf,
} from '../../lib/paris-time';
import { offStepMessage, type TimeStep } from '@salle/contracts/browser';
import { buildWeeklyRrule } from '../../lib/weekly-rule';

export interface BookingRequestForm {
  organisationId: string;
  mode: 'once' | 'weekly';
  date: string;
  startTime: string;
  endTime: string;
  purpose: string;
  attendees: string;
  until: string;
  skipSchoolHolidays: boolean;
  skipPublicHolidays: boolean;
  skipClosures: boolean;
  /** A commune's invoicing identifiers (its bookings are invoiced, not paid online). */
  payerSiret: string;
  serviceCode: string;
  engagementNumber: string;
}

/** Form keys and their labels, for the error summary. */
export const BOOKING_REQUEST_FIELDS: Record<string, string> = {
  organisationId: 'Organisation',
  date: 'Date',
  startTime: 'Heure de début',
  endTime: 'Heure de fin',
  until: 'Dernière séance au plus tard le',
  purpose: 'Activité prévue',
  attendees: 'Nombre de participants',
  payerSiret: 'SIRET de la collectivité',
  serviceCode: 'Code service Chorus Pro',
  engagementNumber: 'Numéro d’engagement',
};

/** Where the service's field names land on this form. */
export const BOOKING_REQUEST_ALIASES: Record<string, string> = {
  startsAt: 'startTime',
  endsAt: 'endTime',
  firstDate: 'date',
  durationMinutes: 'endTime',
  rrule: 'date',
  spaceId: 'organisationId',
  'publicPayer.siret': 'payerSiret',
  'publicPayer.serviceCode': 'serviceCode',
  'publicPayer.engagementNumber': 'engagementNumber',
  publicPayer: 'payerSiret',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function initialBookingRequestForm(options: {
  organisationId?: string;
  start?: string | null;
  end?: string | null;
  defaultMinutes: number;
  maxMinutes: number;
  today: string;
  /** The last day of classes of the school year: a weekly series runs until then unless told otherwise. */
  schoolYearEndsOn?: string | null;
}): BookingRequestForm {
  let date = '';
  let startTime = '';
  let endTime = '';
  if (options.start && !Number.isNaN(Date.parse(options.start))) {
    date = parisDateOf(options.start);
    startTime = parisTimeOf(options.start);
    const startMs = Date.parse(options.start);
    const wanted =
      options.end && !Number.isNaN(Date.parse(options.end))
        ? Date.parse(options.end)
        : startMs + options.defaultMinutes * 60_000;
    const end = new Date(Math.min(wanted, startMs + options.maxMinutes * 60_000));
    endTime = parisDateOf(end) === date || parisTimeOf(end) === '00:00' ? parisTimeOf(end) : '23:59';
  }
  return {
    organisationId: options.organisationId ?? '',
    mode: 'once',
    date,
    startTime,
    endTime,
    purpose: '',
    attendees: '',
    until: defaultUntil(date || options.today, options.schoolYearEndsOn ?? null),
    skipSchoolHolidays: true,
    skipPublicHolidays: true,
    skipClosures: true,
    payerSiret: '',
    serviceCode: '',
    engagementNumber: '',
  };
}

/** The end of the school year; ten weeks on when it is unknown or already past. */
function defaultUntil(first: string, schoolYearEndsOn: string | null): string {
  return schoolYearEndsOn && schoolYearEndsOn > first ? schoolYearEndsOn : addDays(first, 7 * 9);
}

/** Start and end instants of the typed times; an end at 00:00 means midnight at the end of the day. */
function timesOf(form: BookingRequestForm): FieldError[] | { startsAt: string; endsAt: string; minutes: number } {
  const errors: FieldError[] = [];
  if (!DATE.test(form.date)) errors.push({ field: 'date', message: 'indiquez la date' });
  if (!TIME.test(form.startTime)) errors.push({ field: 'startTime', message: 'indiquez l’heure de début (HH:MM)' });
  if (!TIME.test(form.endTime)) errors.push({ field: 'endTime', message: 'indiquez l’heure de fin (HH:MM)' });
  if (errors.length) return errors;
  const endDate = form.endTime === '00:00' ? addDays(form.date, 1) : form.date;
  const startsAt = parisIso(form.date, form.startTime);
  const endsAt = parisIso(endDate, form.endTime);
  const minutes = minutesBetween(parisInstant(form.date, form.startTime), parisInstant(endDate, form.endTime));
  if (minutes <= 0) return [{ field: 'endTime', message: 'l’heure de fin doit suivre l’heure de début' }];
  return { startsAt, endsAt, minutes };
}

/** Start and end times that exist but fall off the space's grid (`step`). */
function stepErrors(form: BookingRequestForm, step: TimeStep): FieldError[] {
  return (['startTime', 'endTime'] as const).flatMap((field) => {
    const message = TIME.test(form[field]) ? offStepMessage(form[field], step) : null;
    return message ? [{ field, message }] : [];
  });
}

function attendeesOf(form: BookingRequestForm): number | undefined | FieldError {
  if (!form.attendees.trim()) return undefined;
  const value = Number(form.attendees);
  return Number.isInteger(value) && value >= 1
    ? value
    : { field: 'attendees', message: 'indiquez un nombre entier de personnes' };
}

function organisationErrors(form: BookingRequestForm): FieldError[] {
  return form.organisationId
    ? []
    : [{ field: 'organisationId', message: 'choisissez l’organisation pour laquelle vous réservez' }];
}

/** A commune's invoicing identifiers, which the booking service requires of its paid requests (it checks the SIRET's key). */
function publicPayerOf(form: BookingRequestForm): FieldError[] | NonNullable<RequestBookingBody['publicPayer']> {
  const siret = form.payerSiret.replace(/\s/g, '');
  const engagementNumber = form.engagementNumber.trim();
  const errors: FieldError[] = [];
  if (!/^\d{14}$/.test(siret))
    errors.push({ field: 'payerSiret', message: 'indiquez le SIRET de la collectivité (14 chiffres)' });
  if (!engagementNumber)
    errors.push({ field: 'engagementNumber', message: 'indiquez le numéro d’engagement (bon de commande)' });
  if (errors.length) return errors;
  const serviceCode = form.serviceCode.trim();
  return { siret, engagementNumber, ...(serviceCode ? { serviceCode } : {}) };
}

export type Built<T> = { ok: true; body: T } | { ok: false; errors: FieldError[] };

/** The one-off request the service expects, or every problem of the form at once (same checks and messages as the service). */
export function buildBookingRequest(
  spaceId: string,
  form: BookingRequestForm,
  step: TimeStep = 15,
  /** The organisation is a commune: its request carries its invoicing identifiers. */
  invoiced = false,
): Built<RequestBookingBody> {
  const errors = [...organisationErrors(form), ...stepErrors(form, step)];
  const times = timesOf(form);
  const attendees = attendeesOf(form);
  const publicPayer = invoiced ? publicPayerOf(form) : undefined;
  if (Array.isArray(times)) errors.push(...times);
  if (attendees && typeof attendees === 'object') errors.push(attendees);
  if (Array.isArray(publicPayer)) errors.push(...publicPayer);
  if (errors.length || Array.isArray(times) || (attendees && typeof attendees === 'object'))
    return { ok: false, errors };
  const body: RequestBookingBody = {
    spaceId,
    organisationId: form.organisationId,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    purpose: form.purpose.trim(),
    attendees,
    ...(publicPayer && !Array.isArray(publicPayer) ? { publicPayer } : {}),
  };
  const checked = requestBookingSchema.safeParse(body);
  return checked.success ? { ok: true, body } : { ok: false, errors: issuesToFieldErrors(checked.error.issues) };
}

/** The weekly series (preview and request share it). */
export function buildSeriesRequest(
  spaceId: string,
  form: BookingRequestForm,
  step: TimeStep = 15,
  /** The organisation is a commune: its series carries its invoicing identifiers (invoiced per period). */
  invoiced = false,
): Built<CreateSeriesBody> {
  const errors = [...organisationErrors(form), ...stepErrors(form, step)];
  const times = timesOf(form);
  const attendees = attendeesOf(form);
  const publicPayer = invoiced ? publicPayerOf(form) : undefined;
  if (Array.isArray(times)) errors.push(...times);
  if (attendees && typeof attendees === 'object') errors.push(attendees);
  if (Array.isArray(publicPayer)) errors.push(...publicPayer);
  if (!DATE.test(form.until)) errors.push({ field: 'until', message: 'indiquez la date de la dernière séance' });
  else if (DATE.test(form.date) && form.until < form.date)
    errors.push({ field: 'until', message: 'la dernière séance doit suivre la première' });
  if (errors.length || Array.isArray(times) || (attendees && typeof attendees === 'object'))
    return { ok: false, errors };
  const body: CreateSeriesBody = {
    spaceId,
    organisationId: form.organisationId,
    // The series meets on its first date's weekday: asking for another day would start it off its own rule.
    rrule: buildWeeklyRrule({ weekdays: [isoWeekday(form.date)], until: form.until }),
    firstDate: form.date,
    startTime: form.startTime,
    durationMinutes: times.minutes,
    options: {
      skipSchoolHolidays: form.skipSchoolHolidays,
      skipPublicHolidays: form.skipPublicHolidays,
      skipClosures: form.skipClosures,
    },
    purpose: form.purpose.trim(),
    attendees,
    ...(publicPayer && !Array.isArray(publicPayer) ? { publicPayer } : {}),
  };
  const checked = createSeriesSchema.safeParse(body);
  return checked.success ? { ok: true, body } : { ok: false, errors: issuesToFieldErrors(checked.error.issues) };
}

/** What the preview takes: the series without its purpose, attendees and payer (the service refuses unknown keys). */
export function seriesPreviewOf(body: CreateSeriesBody): PreviewSeriesBody {
  const { spaceId, organisationId, rrule, firstDate, startTime, durationMinutes, options } = body;
  return { spaceId, organisationId, rrule, firstDate, startTime, durationMinutes, options };
}

/**
 * The organisations one may book for: a refused one cannot (the service would refuse the request), so the
 * form does not offer it.
 */
export function bookableOrganisations<T extends { status: string }>(organisations: readonly T[]): T[] {
  return organisations.filter((organisation) => organisation.status !== 'rejected');
}

/** Minutes between the typed start and end, or null while they do not make a slot. */
export function typedDurationMinutes(form: BookingRequestForm): number | null {
  const times = timesOf(form);
  return Array.isArray(times) ? null : times.minutes;
}
