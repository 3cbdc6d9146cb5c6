/**
 * Rows of the booking schema as the seed writes them, with the database's
 * column names. Instants are `Date`s; dates `YYYY-MM-DD`; times `HH:MM`.
 */
import type {
  BookingCanceller,
  BookingStatus,
  EstablishmentStatus,
  MembershipRole,
  OpeningPeriod,
  OrganisationStatus,
  RenterCategory,
  SchoolZone,
  SpaceKind,
} from '@salle/contracts';

export type { BookingStatus, OpeningPeriod, RenterCategory, SpaceKind } from '@salle/contracts';

export interface EstablishmentRow {
  id: string;
  uai: string;
  siret: string;
  name: string;
  address: string;
  postal_code: string;
  commune_name: string;
  commune_insee: string;
  latitude: number;
  longitude: number;
  school_zone: SchoolZone;
  contact_email: string | null;
  contact_phone: string | null;
  status: EstablishmentStatus;
  payout_ready: boolean;
  ics_token: string;
  created_at: Date;
  updated_at: Date;
}

export interface SpaceRow {
  id: string;
  establishment_id: string;
  kind: SpaceKind;
  name: string;
  capacity: number;
  area_m2: number | null;
  equipment: string[];
  step_free_access: boolean;
  description: string;
  buffer_minutes: number;
  min_duration_minutes: number;
  max_duration_minutes: number;
  min_notice_hours: number;
  max_horizon_days: number;
  approval_required: boolean;
  allowed_categories: RenterCategory[];
  closed_on_public_holidays: boolean;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** A photo of a space; its files are in the booking service's object store (`spacePhotoKeySegments`). */
export interface SpacePhotoRow {
  id: string;
  space_id: string;
  position: number;
  alt_text: string;
  width: number;
  height: number;
  uploaded_by: string | null;
  uploaded_at: Date;
  /** The name of files several photos show (`space-photos/shared/<name>-<width>`), kept when one photo is removed. */
  shared_files: string | null;
}

export interface OpeningRuleRow {
  id: string;
  space_id: string;
  weekdays: number[];
  /** `HH:MM`. */
  start_time: string;
  /** `HH:MM`; `00:00` means midnight at the end of the day. */
  end_time: string;
  period: OpeningPeriod;
  valid_from: string | null;
  valid_until: string | null;
}

export interface TariffRow {
  space_id: string;
  category: RenterCategory;
  hourly_cents: number;
  half_day_cents: number | null;
  day_cents: number | null;
  deposit_cents: number;
}

export interface ClosureRow {
  id: string;
  establishment_id: string;
  space_id: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_at: Date;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: RenterCategory;
  rna: string | null;
  siren: string | null;
  address: string;
  postal_code: string;
  commune_name: string;
  eligibility_declared_at: Date;
  republican_contract_acknowledged: boolean;
  insurance_reference: string;
  insurance_expires_on: string;
  status: OrganisationStatus;
  rejection_reason: string | null;
  ics_token: string;
  created_at: Date;
  updated_at: Date;
}

export interface MembershipRow {
  account_id: string;
  organisation_id: string;
  role: MembershipRole;
  created_at: Date;
}

export interface SeriesRow {
  id: string;
  space_id: string;
  organisation_id: string;
  rrule: string;
  local_start_time: string;
  duration_minutes: number;
  options: Record<string, unknown>;
  requested_by: string;
  created_at: Date;
}

export interface BookingRow {
  id: string;
  space_id: string;
  establishment_id: string;
  organisation_id: string;
  series_id: string | null;
  starts_at: Date;
  ends_at: Date;
  blocked_until: Date;
  status: BookingStatus;
  renter_category: RenterCategory;
  price_cents: number;
  deposit_cents: number;
  price_details: Record<string, unknown>;
  purpose: string;
  attendees: number | null;
  requested_by: string;
  decided_by: string | null;
  decision_message: string | null;
  refusal_reason: string | null;
  cancelled_by: BookingCanceller | null;
  cancellation_reason: string | null;
  refund_percent: number | null;
  expires_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface AuditEntryRow {
  booking_id: string;
  actor_account_id: string | null;
  actor_role: 'organisation_member' | 'establishment_manager' | 'department_admin' | 'system';
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  reason: string | null;
  at: Date;
}

/** Everything one seed run writes, table by table, in insertion order. */
export interface SeedDataSet {
  establishments: EstablishmentRow[];
  spaces: SpaceRow[];
  /** Illustrations of the spaces, when the seed was given an object store for their files (else empty). */
  spacePhotos: SpacePhotoRow[];
  openingRules: OpeningRuleRow[];
  tariffs: TariffRow[];
  closures: ClosureRow[];
  organisations: OrganisationRow[];
  memberships: MembershipRow[];
  series: SeriesRow[];
  bookings: BookingRow[];
  auditEntries: AuditEntryRow[];
}
