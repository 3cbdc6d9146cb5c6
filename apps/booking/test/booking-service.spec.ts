import { createLogger } from '@salle/runtime';
import { startService, type RunningService } from '@salle/service';
import { createTestDatabase, testRedisUrl, uniqueKeyPrefix, type TestDatabase } from '@salle/testing';
import { bookingService } from '../src/booking-service';
import { bookingConfig } from '../src/config';

describe('booking service', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('booking');
    const config = bookingConfig.parse({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl() });
    const options = bookingService(config, createLogger({ service: 'booking', level: 'silent' }));
    service = await startService({
      ...options,
      port: 0,
      metrics: { host: '127.0.0.1', port: 0 },
      redisKeyPrefix: uniqueKeyPrefix('booking'),
    });
  });

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('starts ready, with btree_gist available for the no-overlap constraint', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const [row] = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'btree_gist'`,
    );
    expect(row.n).toBe(1);
    const migrations = await service.dataSource.query('SELECT name FROM booking.migrations ORDER BY id');
    expect(migrations.map((m: { name: string }) => m.name)).toEqual([
      'EnableExtensions1763830000000',
      'CreateCatalogue1763830100000',
      'CreateOrganisations1763830200000',
      'CreateBookings1763830300000',
      'CreateEventTables1763900000000',
      'MaterializeAvailability1763900100000',
      'SearchBookingIndex1763900200000',
      'OrganisationInvitations1763900300000',
      'ProcessingPayment1765013000000',
      'ManagerDisplayName1765040000000',
      'AddOutboxTraceparent1796700000000',
      'EstablishmentContactsAnnounced1796710000000',
      'InsuranceCertificates1797300000000',
      'SpaceAccessInstructions1797300100000',
      'ConventionTemplates1797300200000',
      'StoredConventions1797350000000',
      'BookingPublicPayer1797450000000',
      'ManagerInvitations1797500000000',
      'OrganisationIdentifiersHeld1797500100000',
      'OrganisationClaims1797500200000',
      'AlsaceMoselleAvailability1797500300000',
      'OrganisationContact1797600000000',
      'BookingConversation1797600100000',
      'SpacePhotos1797650000000',
      'ConventionSignatures1798100000000',
      'InsuranceExpiryReminder1798200000000',
      'StaffEnteredRequests1798400000000',
      'ContactClaimCodes1798400100000',
      'BookingIncidents1798400200000',
      'OrganisationContactSmsConsent1798600100000',
      'ConversationAttachmentsAndSeriesThreads1798800000000',
      'FrameworkConventions1799200000000',
      'AuditLog1799700000000',
      'ConventionSigningDeadline1800090000000',
      'PaperSignedConventions1800400000000',
      'SpacePhotoSharedFiles1800500000000',
      'AccentFoldedSearch1801100000000',
      'OrganisationRejectedAt1801200000000',
    ]);
    const [constraint] = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'booking_no_overlap' AND contype = 'x'`,
    );
    expect(constraint.n).toBe(1);
  });
});
