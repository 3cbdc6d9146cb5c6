import type { DatabaseOptions } from '@salle/db';
import { eventTablesMigrations } from '@salle/events';
import {
  AuditEntryEntity,
  BookingEntity,
  ClosureEntity,
  EstablishmentEntity,
  EstablishmentManagerEntity,
  InsuranceCertificateEntity,
  MembershipEntity,
  OpeningRuleEntity,
  OrganisationEntity,
  SeriesEntity,
  SpaceAccessInstructionsEntity,
  SpacePhotoEntity,
  SpaceEntity,
  TariffEntity,
} from './entities';
import { EnableExtensions1763830000000 } from './migrations/1763830000000-enable-extensions';
import { CreateCatalogue1763830100000 } from './migrations/1763830100000-create-catalogue';
import { CreateOrganisations1763830200000 } from './migrations/1763830200000-create-organisations';
import { CreateBookings1763830300000 } from './migrations/1763830300000-create-bookings';
import { MaterializeAvailability1763900100000 } from './migrations/1763900100000-materialize-availability';
import { SearchBookingIndex1763900200000 } from './migrations/1763900200000-search-booking-index';
import { OrganisationInvitations1763900300000 } from './migrations/1763900300000-organisation-invitations';
import { ProcessingPayment1765013000000 } from './migrations/1765013000000-processing-payment';
import { ManagerDisplayName1765040000000 } from './migrations/1765040000000-manager-display-name';
import { EstablishmentContactsAnnounced1796710000000 } from './migrations/1796710000000-establishment-contacts-announced';
import { InsuranceCertificates1797300000000 } from './migrations/1797300000000-insurance-certificates';
import { SpaceAccessInstructions1797300100000 } from './migrations/1797300100000-space-access-instructions';
import { ConventionTemplates1797300200000 } from './migrations/1797300200000-convention-templates';
import { BookingPublicPayer1797450000000 } from './migrations/1797450000000-booking-public-payer';
import { ManagerInvitations1797500000000 } from './migrations/1797500000000-manager-invitations';
import { OrganisationIdentifiersHeld1797500100000 } from './migrations/1797500100000-organisation-identifiers-held';
import { OrganisationClaims1797500200000 } from './migrations/1797500200000-organisation-claims';
import { AlsaceMoselleAvailability1797500300000 } from './migrations/1797500300000-alsace-moselle-availability';
import { OrganisationContact1797600000000 } from './migrations/1797600000000-organisation-contact';
import { BookingConversation1797600100000 } from './migrations/1797600100000-booking-conversation';
import { StoredConventions1797350000000 } from './migrations/1797350000000-stored-conventions';
import { SpacePhotos1797650000000 } from './migrations/1797650000000-space-photos';
import { ConventionSignatures1798100000000 } from './migrations/1798100000000-convention-signatures';
import { OrganisationContactSmsConsent1798600100000 } from './migrations/1798600100000-organisation-contact-sms-consent';
import { ConventionSigningDeadline1800090000000 } from './migrations/1800090000000-convention-signing-deadline';
import { PaperSignedConventions1800400000000 } from './migrations/1800400000000-paper-signed-conventions';
import { InsuranceExpiryReminder1798200000000 } from './migrations/1798200000000-insurance-expiry-reminder';
import { StaffEnteredRequests1798400000000 } from './migrations/1798400000000-staff-entered-requests';
import { ContactClaimCodes1798400100000 } from './migrations/1798400100000-contact-claim-codes';
import { BookingIncidents1798400200000 } from './migrations/1798400200000-booking-incidents';
import { ConversationAttachmentsAndSeriesThreads1798800000000 } from './migrations/1798800000000-conversation-attachments-and-series-threads';
import { FrameworkConventions1799200000000 } from './migrations/1799200000000-framework-conventions';
import { AuditLog1799700000000 } from './migrations/1799700000000-audit-log';
import { SpacePhotoSharedFiles1800500000000 } from './migrations/1800500000000-space-photo-shared-files';
import { AccentFoldedSearch1801100000000 } from './migrations/1801100000000-accent-folded-search';
import { OrganisationRejectedAt1801200000000 } from './migrations/1801200000000-organisation-rejected-at';

export const BOOKING_SCHEMA = 'booking';

/** Entities and migrations of the booking schema, listed explicitly (no globs: the app is bundled). */
export const bookingDatabase: Omit<DatabaseOptions, 'url'> = {
  schema: BOOKING_SCHEMA,
  entities: [
    EstablishmentEntity,
    SpaceEntity,
    OpeningRuleEntity,
    ClosureEntity,
    TariffEntity,
    EstablishmentManagerEntity,
    OrganisationEntity,
    MembershipEntity,
    SeriesEntity,
    BookingEntity,
    AuditEntryEntity,
    InsuranceCertificateEntity,
    SpaceAccessInstructionsEntity,
    SpacePhotoEntity,
  ],
  migrations: [
    EnableExtensions1763830000000,
    CreateCatalogue1763830100000,
    CreateOrganisations1763830200000,
    CreateBookings1763830300000,
    ...eventTablesMigrations(BOOKING_SCHEMA),
    MaterializeAvailability1763900100000,
    SearchBookingIndex1763900200000,
    OrganisationInvitations1763900300000,
    ProcessingPayment1765013000000,
    ManagerDisplayName1765040000000,
    EstablishmentContactsAnnounced1796710000000,
    InsuranceCertificates1797300000000,
    SpaceAccessInstructions1797300100000,
    ConventionTemplates1797300200000,
    StoredConventions1797350000000,
    BookingPublicPayer1797450000000,
    ManagerInvitations1797500000000,
    OrganisationIdentifiersHeld1797500100000,
    OrganisationClaims1797500200000,
    AlsaceMoselleAvailability1797500300000,
    OrganisationContact1797600000000,
    BookingConversation1797600100000,
    SpacePhotos1797650000000,
    ConventionSignatures1798100000000,
    InsuranceExpiryReminder1798200000000,
    StaffEnteredRequests1798400000000,
    ContactClaimCodes1798400100000,
    BookingIncidents1798400200000,
    OrganisationContactSmsConsent1798600100000,
    ConversationAttachmentsAndSeriesThreads1798800000000,
    FrameworkConventions1799200000000,
    AuditLog1799700000000,
    ConventionSigningDeadline1800090000000,
    PaperSignedConventions1800400000000,
    SpacePhotoSharedFiles1800500000000,
    AccentFoldedSearch1801100000000,
    OrganisationRejectedAt1801200000000,
  ],
};
