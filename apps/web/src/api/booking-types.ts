import type { OpeningRuleInput, RenterCategory, SpaceKind } from '@salle/contracts';

// Response shapes of the booking service that the contracts lib does not
// (yet) name; they mirror apps/booking/src/catalogue/space-view.ts and
// apps/booking/src/calendars/space-calendar.ts.

export interface SpaceView {
  id: string;
  establishmentId: string;
  kind: SpaceKind;
  name: string;
  capacity: number;
  areaM2: number | null;
  equipment: string[];
  stepFreeAccess: boolean;
  description: string;
  photoUrls: string[];
  bufferMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  minNoticeHours: number;
  maxHorizonDays: number;
  approvalRequired: boolean;
  allowedCategories: RenterCategory[];
  closedOnPublicHolidays: boolean;
  active: boolean;
}

export type OpeningRuleView = Omit<OpeningRuleInput, 'validFrom' | 'validUntil'> & { validFrom: string | null; validUntil: string | null };

export interface TariffView {
  category: RenterCategory;
  hourlyCents: number;
  halfDayCents: number | null;
  dayCents: number | null;
  depositCents: number;
}

export interface SpaceDetailsView extends SpaceView {
  openingRules: OpeningRuleView[];
  tariffs: TariffView[];
}

export type CalendarSegmentKind = 'free' | 'booked' | 'closed' | 'school_time';

export interface CalendarSegment {
  kind: CalendarSegmentKind;
  startsAt: string;
  endsAt: string;
  reason?: string;
  booking?: { id: string; status: string; organisationName: string | null; mine: boolean };
}

export interface CalendarView {
  spaceId: string;
  from: string;
  to: string;
  timeZone: string;
  today: string;
  segments: CalendarSegment[];
}

export interface ClosureView {
  id: string;
  establishmentId: string;
  spaceId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
}

