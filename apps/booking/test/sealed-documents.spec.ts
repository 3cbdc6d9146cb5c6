import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { ConventionVerification, EstablishmentView, OrganisationView } from '@salle/contracts';
import { generateDevelopmentCertificate, sealPdf, type ConventionEvidence } from '@salle/pdf-seal';
import { LocalFolderStore } from '@salle/storage';
import { ClamdSandbox, EICAR } from '@salle/testing';
import { publicHolidayOn } from '../src/domain/calendar';
import { ConventionLinks, CONVENTION_LINK_LIFETIME_MS } from '../src/documents/convention-links';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, gymnasium, parisInstant, upcomingSaturday } from './fixtures';

const LINK_SECRET = 'a-download-link-secret-of-32-characters!';
const hash = (c: string) => c.repeat(64);
const evidence: ConventionEvidence = {
  conventionId: 'c0ffee00-0000-4000-8000-000000000002',
  reference: 'CONV-2026-0002',
  templateVersion: 1,
  consent: { version: '1', text: 'J’ai lu la convention et j’accepte de la signer.' },
  documentSha256: hash('a'),
  signers: [
    {
      step: 'organisation',
      name: 'Angela Dubois',
      method: 'franceconnect',
      assuranceLevel: 'eidas1',
      signedAt: new Date().toISOString(),
      documentSha256: hash('b'),
    },
  ],
  completedAt: new Date().toISOString(),
};

async function conventionPdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText('Convention d’occupation', {
    x: 50,
    y: 750,
    font: await document.embedFont(StandardFonts.Helvetica),
  });
  return document.save();
}

describe('sealed conventions: public verification, signed download links, antivirus', () => {
  let api: BookingTestService;
  const clamd = new ClamdSandbox();
  const certificate = generateDevelopmentCertificate();
  const admin = departmentAdmin();
  const manager = proConnectAgent({ siret: allevard.siret });
  const owner = franceConnectUser();
  let organisationId: string;
  let sealed: Uint8Array;

  beforeAll(async () => {
    const address = await clamd.start();
    api = await startBookingTestService('sealed-documents', undefined, {
      CONVENTION_SEAL_CERT_PEM: certificate.certificatePem,
      CONVENTION_SEAL_KEY_PEM: certificate.privateKeyPem,
      STORAGE_LINK_SECRET: LINK_SECRET,
      CLAMAV_HOST: address.host,
      CLAMAV_PORT: String(address.port),
    });
    sealed = await sealPdf({ pdf: await conventionPdf(), evidence, certificate });
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    const space = await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium);
    const spaceId = space.body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, { tariffs: [{ category: 'association', hourlyCents: 0 }] });
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    spaceIdForBookings = spaceId;
  });
  afterAll(async () => {
    await api.stop();
    await clamd.stop();
  });
  let spaceIdForBookings: string;

  async function approvedBooking(weeksAhead: number): Promise<string> {
    const day = upcomingSaturday(weeksAhead, (date) => publicHolidayOn(date) !== null);
    const requested = await api.as(owner).post<{ id: string }>('/bookings', {
      spaceId: spaceIdForBookings,
      organisationId,
      startsAt: parisInstant(day, '14:00'),
      endsAt: parisInstant(day, '16:00'),
      purpose: 'Assemblée générale',
    });
    expect(requested.status).toBe(201);
    expect((await api.as(manager).post(`/bookings/${requested.body.id}/approve`, {})).status).toBe(200);
    // The convention is issued at approval; its first download makes sure of it.
    expect((await api.as(owner).get(`/bookings/${requested.body.id}/convention.pdf`)).status).toBe(200);
    return requested.body.id;
  }

  describe('POST /convention-verification (public)', () => {
    it('tells a visitor that a sealed convention is valid, with its signers and hash', async () => {
      const response = await api.visitor.postBytes<ConventionVerification>(
        '/convention-verification',
        sealed,
        'application/pdf',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        valid: true,
        signedBy: 'Sceau de la plateforme (développement)',
        evidence: { conventionId: evidence.conventionId, signers: [{ name: 'Angela Dubois' }] },
      });
      expect(response.body.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('answers invalid, in French, for a tampered file and for a PDF without seal', async () => {
      const tampered = Uint8Array.from(sealed);
      tampered[400] ^= 0x01;
      const answer = await api.visitor.postBytes<ConventionVerification>(
        '/convention-verification',
        tampered,
        'application/pdf',
      );
      expect(answer.body).toMatchObject({ valid: false, reason: 'digest_mismatch' });
      expect(answer.body.message).toContain('modifié');
      const plain = await api.visitor.postBytes<ConventionVerification>(
        '/convention-verification',
        await conventionPdf(),
        'application/pdf',
      );
      expect(plain.body).toMatchObject({ valid: false, reason: 'not_sealed' });
    });

    it('refuses, in French, a file that is not a PDF whatever its name or type, and an empty one', async () => {
      const text = await api.visitor.postBytes('/convention-verification', Buffer.from('bonjour'), 'application/pdf');
      expect(text.status).toBe(422);
      expect(text.body).toMatchObject({ code: 'file_type_refused' });
      const empty = await api.visitor.postBytes('/convention-verification', new Uint8Array(), 'application/pdf');
      expect(empty.status).toBe(422);
      expect(empty.body).toMatchObject({ code: 'file_empty' });
    });

    it('stores nothing it was sent to check', async () => {
      const before = (await readdir(api.storageDir, { recursive: true })).length;
      await api.visitor.postBytes('/convention-verification', sealed, 'application/pdf');
      expect((await readdir(api.storageDir, { recursive: true })).length).toBe(before);
    });
  });

  describe('GET /downloads/conventions/:id (signed links)', () => {
    let bookingId: string;
    let otherBookingId: string;
    let links: ConventionLinks;

    beforeAll(async () => {
      bookingId = await approvedBooking(3);
      otherBookingId = await approvedBooking(4);
      links = new ConventionLinks(api.service.dataSource, new LocalFolderStore(api.storageDir), LINK_SECRET);
    });

    it('serves the stored convention to anyone holding a valid link, without a session', async () => {
      const link = await links.pathFor(bookingId);
      const response = await api.visitor.get(link ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const stored = await api.as(owner).get(`/bookings/${bookingId}/convention.pdf`);
      expect(Buffer.from(response.bytes).equals(Buffer.from(stored.bytes))).toBe(true);
    });

    it('refuses an expired link with 410', async () => {
      const link = await links.pathFor(bookingId, new Date(Date.now() - CONVENTION_LINK_LIFETIME_MS - 1000));
      const response = await api.visitor.get(link ?? '');
      expect(response.status).toBe(410);
      expect(response.body).toMatchObject({ code: 'download_link_expired' });
    });

    it('refuses a tampered link, and a link of another booking used for this one, with 403', async () => {
      const link = new URL(`http://x${await links.pathFor(bookingId)}`);
      link.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
      expect((await api.visitor.get(`${link.pathname}${link.search}`)).status).toBe(403);
      const other = new URL(`http://x${await links.pathFor(otherBookingId)}`);
      const borrowed = await api.as(owner).get(`/downloads/conventions/${bookingId}${other.search}`);
      expect(borrowed.status).toBe(403);
      expect(borrowed.body).toMatchObject({ code: 'download_link_invalid' });
    });

    it('refuses a link without signature with 400, and any link to a booking without convention with 403', async () => {
      expect((await api.as(admin).get(`/downloads/conventions/${bookingId}`)).status).toBe(400);
      const forged = new URL(`http://x${await links.pathFor(bookingId)}`);
      const unknown = await api.visitor.get(
        `/downloads/conventions/00000000-0000-4000-8000-000000000000${forged.search}`,
      );
      expect(unknown.status).toBe(403);
    });
  });

  describe('the antivirus hook on uploads', () => {
    const storedObjects = async () =>
      (await readdir(api.storageDir, { recursive: true, withFileTypes: true })).filter(
        (entry) => entry.isFile() && entry.parentPath.includes(`${path.sep}objects`),
      ).length;
    const upload = (bytes: Uint8Array) =>
      api
        .as(owner)
        .postBytes(
          `/organisations/${organisationId}/insurance-certificate?${new URLSearchParams({ insurer: 'MAIF', policyNumber: 'RC-1', expiresOn: '2099-08-31', fileName: 'attestation.pdf' })}`,
          bytes,
          'application/pdf',
        );

    it('scans a clean certificate and stores it', async () => {
      const scans = clamd.scans.length;
      expect((await upload(await conventionPdf())).status).toBe(201);
      expect(clamd.scans.length).toBe(scans + 1);
    });

    it('refuses a certificate carrying the EICAR test file, in French, and stores nothing', async () => {
      const before = await storedObjects();
      const infected = Buffer.concat([Buffer.from(await conventionPdf()), EICAR]);
      const response = await upload(infected);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'file_infected' });
      expect((response.body as { title: string }).title).toContain('antivirus');
      expect(await storedObjects()).toBe(before);
    });

    it('refuses uploads with 503 in French while clamd does not answer (fail closed), storing nothing', async () => {
      await clamd.stop();
      const before = await storedObjects();
      const response = await upload(await conventionPdf());
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ code: 'antivirus_unavailable' });
      expect(await storedObjects()).toBe(before);
    });
  });
});
