import type { FieldError } from '@salle/contracts';
import type { SearchParams } from '../../api/booking-api';
import { addDays, daysBetween, todayInParis } from '../../lib/paris-time';

/** The search form as typed, and as kept in the page's address (so back, reload and sharing work). */
export interface SearchFormState {
  from: string;
  to: string;
  timeFrom: string;
  timeTo: string;
  durationMinutes: string;
  minCapacity: string;
  kind: string;
  communeInsee: string;
  nearby: boolean;
  radiusKm: string;
  category: string;
  weekdays: string[];
  stepFree: boolean;
}

export function defaultSearchForm(today: string = todayInParis()): SearchFormState {
  return {
    from: today,
    to: addDays(today, 13),
    timeFrom: '',
    timeTo: '',
    durationMinutes: '120',
    minCapacity: '',
    kind: '',
    communeInsee: '',
    nearby: false,
    radiusKm: '10',
    category: 'association',
    weekdays: [],
    stepFree: false,
  };
}

const KEYS = {
  from: 'du',
  to: 'au',
  timeFrom: 'apres',
  timeTo: 'avant',
  durationMinutes: 'duree',
  minCapacity: 'capacite',
  kind: 'type',
  communeInsee: 'commune',
  radiusKm: 'rayon',
  category: 'categorie',
} as const;

export function formToQueryString(form: SearchFormState): string {
  const params = new URLSearchParams();
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = form[field];
    if (value) params.set(key, value);
  }
  if (!form.nearby) params.delete('rayon');
  if (form.weekdays.length) params.set('jours', [...form.weekdays].sort().join(','));
  if (form.stepFree) params.set('plain-pied', 'oui');
  return params.toString();
}

/** The form from the address; null when the address holds no search. */
export function formFromQuery(search: URLSearchParams, today?: string): SearchFormState | null {
  if (!search.get('du')) return null;
  const form = defaultSearchForm(today);
  for (const [field, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const value = search.get(key);
    if (value !== null) form[field] = value;
  }
  form.nearby = search.has('rayon');
  form.weekdays = (search.get('jours') ?? '').split(',').filter((day) => /^[1-7]$/.test(day));
  form.stepFree = search.get('plain-pied') === 'oui';
  return form;
}

/** Checks what the service would refuse, with the same French messages, before asking it. */
export function validateSearchForm(form: SearchFormState): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.from)) errors.push({ field: 'from', message: 'indiquez la date de début' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.to)) errors.push({ field: 'to', message: 'indiquez la date de fin' });
  else if (form.from && form.to < form.from)
    errors.push({ field: 'to', message: 'la date de fin doit suivre la date de début' });
  else if (form.from && daysBetween(form.from, form.to) > 62)
    errors.push({ field: 'to', message: 'au plus 62 jours par recherche' });
  if (form.timeFrom && form.timeTo && form.timeTo <= form.timeFrom)
    errors.push({ field: 'timeTo', message: 'l’heure de fin doit suivre l’heure de début' });
  if (form.minCapacity && !(Number.isInteger(Number(form.minCapacity)) && Number(form.minCapacity) >= 1)) {
    errors.push({ field: 'minCapacity', message: 'indiquez un nombre de personnes (au moins 1)' });
  }
  return errors;
}

export interface CommuneOption {
  insee: string;
  name: string;
  latitude: number;
  longitude: number;
}

export function searchParamsOf(form: SearchFormState, communes: readonly CommuneOption[]): SearchParams {
  const commune = communes.find((item) => item.insee === form.communeInsee);
  const near = form.nearby && commune;
  return {
    from: form.from,
    to: form.to,
    durationMinutes: Number(form.durationMinutes) || 120,
    timeFrom: form.timeFrom || undefined,
    timeTo: form.timeTo || undefined,
    minCapacity: form.minCapacity ? Number(form.minCapacity) : undefined,
    kinds: form.kind ? [form.kind] : undefined,
    weekdays: form.weekdays.length ? form.weekdays.map(Number) : undefined,
    stepFree: form.stepFree || undefined,
    communeInsee: near ? undefined : form.communeInsee || undefined,
    latitude: near ? commune.latitude : undefined,
    longitude: near ? commune.longitude : undefined,
    radiusKm: near ? Number(form.radiusKm) || 10 : undefined,
    category: form.category || undefined,
    pageSize: 10,
  };
}
