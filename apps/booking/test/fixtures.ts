import type { Caller } from '@salle/auth';
import type {
  CreateEstablishmentBody,
  CreateOrganisationBody,
  CreateSpaceBody,
  EstablishmentView,
} from '@salle/contracts';
import { parseLocalDate, type LocalDate } from '@salle/french-calendar';
import type { BookingTestService } from './booking-test-service';

/** Real Isère collèges (UAI, commune, coordinates from the national directory); SIRETs are made-up but Luhn-valid. */
export const allevard: CreateEstablishmentBody = {
  uai: '0380002W',
  siret: '19380002600018',
  name: 'Collège Flavius Vaussenat',
  address: '1 rue du Collège',
  postalCode: '38580',
  communeName: 'Allevard',
  communeInsee: '38006',
  latitude: 45.399729,
  longitude: 6.07674,
  schoolZone: 'A',
  status: 'active',
};

export const beaurepaire: CreateEstablishmentBody = {
  uai: '0382101C',
  siret: '19382101400019',
  name: 'Collège Jacques Brel',
  address: '',
  postalCode: '38270',
  communeName: 'Beaurepaire',
  communeInsee: '38034',
  latitude: 45.338582,
  longitude: 5.06433,
  schoolZone: 'A',
  status: 'active',
};

export const gymnasium: CreateSpaceBody = {
  kind: 'gymnasium',
  name: 'Gymnase',
  capacity: 120,
  areaM2: 900,
  equipment: ['paniers de basket', 'vestiaires'],
  stepFreeAccess: true,
  description: 'Grand gymnase avec tribunes.',
  photoUrls: [],
  bufferMinutes: 15,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  minNoticeHours: 48,
  maxHorizonDays: 365,
  approvalRequired: true,
  allowedCategories: ['association', 'commune'],
  closedOnPublicHolidays: true,
  active: true,
};

export function association(overrides: Partial<CreateOrganisationBody> = {}): CreateOrganisationBody {
  return {
    name: 'Basket Club du Grésivaudan',
    kind: 'association',
    rna: 'W381000123',
    address: '2 place de la Mairie',
    postalCode: '38580',
    communeName: 'Allevard',
    eligibility: { notReligious: true, notPolitical: true, notProfitMaking: true },
    republicanContractAcknowledged: true,
    insuranceReference: 'MAIF 123456',
    insuranceExpiresOn: '2099-08-31',
    ...overrides,
  };
}

/** `instant` moved by `years` and `days`: the simulated clock of the retention specs. */
export function yearsAfter(instant: string | Date, years: number, days: number): Date {
  const moved = new Date(instant);
  moved.setUTCFullYear(moved.getUTCFullYear() + years);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved;
}

/** The Paris local date `weeks` weeks ahead, moved to the next Saturday that is not a public holiday. */
export function upcomingSaturday(weeks: number, isHoliday: (date: LocalDate) => boolean): LocalDate {
  const day = new Date(Date.now() + weeks * 7 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  for (;;) {
    const iso = parseLocalDate(day.toISOString().slice(0, 10));
    if (!isHoliday(iso)) return iso;
    day.setUTCDate(day.getUTCDate() + 7);
  }
}

/** An instant at Paris wall-clock `time` on `date`, with its real offset (DST-aware). */
export function parisInstant(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const offsetMinutes = Math.round(
    (new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Paris' })).getTime() -
      new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' })).getTime()) /
      60_000,
  );
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

/**
 * Allevard's gymnasium, created by `admin` and `manager`, open every day from 8:00 to 22:00 and priced for
 * associations: a space every booking of the retention specs can take. Its id.
 */
export async function openGymnasium(api: Pick<BookingTestService, 'as'>, admin: Caller, manager: Caller) {
  const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
  const gymId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body[
    'id'
  ] as string;
  await api.as(manager).put(`/spaces/${gymId}/opening-rules`, {
    rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '22:00', period: 'always' }],
  });
  await api
    .as(manager)
    .put(`/spaces/${gymId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 1500, depositCents: 0 }] });
  return gymId;
}
