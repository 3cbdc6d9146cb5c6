import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { BookingView, EstablishmentView, InsuranceCertificateView, OrganisationView } from '@salle/contracts';
import { publicHolidayOn } from '../src/domain/calendar';
import { parisToday } from '../src/domain/time';
import {
  departmentAdmin,
  franceConnectUser,
  proConnectAgent,
  startBookingTestService,
  type BookingTestService,
} from './booking-test-service';
import { allevard, association, beaurepaire, gymnasium, parisInstant, upcomingSaturday } from './fixtures';
import { certificatePdf } from './pdf-fixture';

const NBSP = '\u00a0';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes announcing a 100 000 × 100 000 image: ten billion pixels once decoded. */
function decompressionBomb(): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const titleOf = (problem: unknown) => (problem as { title: string }).title;

function inDays(days: number): string {
  const date = new Date(`${parisToday()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('insurance certificates', () => {
  let api: BookingTestService;
  const admin = departmentAdmin();
  const owner = franceConnectUser();
  const plainMember = franceConnectUser({ displayName: 'Jean Martin' });
  const stranger = franceConnectUser({ displayName: 'Intrus' });
  const manager = proConnectAgent({ siret: allevard.siret });
  const otherManager = proConnectAgent({ siret: beaurepaire.siret });
  let organisationId: string;
  let spaceId: string;
  let pdf: Uint8Array;

  const details = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      insurer: 'MAIF',
      policyNumber: 'RC-2026-4471',
      expiresOn: '2099-08-31',
      fileName: 'attestation MAIF.pdf',
      ...overrides,
    });
  const upload = (who = owner, bytes: Uint8Array = pdf, overrides: Record<string, string> = {}) =>
    api
      .as(who)
      .postBytes<InsuranceCertificateView>(
        `/organisations/${organisationId}/insurance-certificate?${details(overrides)}`,
        bytes,
        'application/octet-stream',
      );
  const storedFiles = async () =>
    (await readdir(api.storageDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.parentPath.includes(`${path.sep}objects`))
      .map((entry) => entry.name);
  const rowCount = async () =>
    (
      await api.service.dataSource.query(
        `SELECT count(*)::int AS n FROM booking.insurance_certificate WHERE organisation_id = $1`,
        [organisationId],
      )
    )[0].n as number;

  beforeAll(async () => {
    api = await startBookingTestService('insurance');
    pdf = await certificatePdf();
    const establishmentId = (await api.as(admin).post<EstablishmentView>('/establishments', allevard)).body.id;
    await api.as(admin).post<EstablishmentView>('/establishments', beaurepaire);
    spaceId = (await api.as(manager).post(`/establishments/${establishmentId}/spaces`, gymnasium)).body['id'] as string;
    await api.as(manager).put(`/spaces/${spaceId}/opening-rules`, {
      rules: [{ weekdays: [6], startTime: '08:00', endTime: '20:00', period: 'always' }],
    });
    await api.as(manager).put(`/spaces/${spaceId}/tariffs`, {
      tariffs: [{ category: 'association', hourlyCents: 1500 }],
    });
    organisationId = (await api.as(owner).post<OrganisationView>('/organisations', association())).body.id;
    await api.as(admin).post(`/organisations/${organisationId}/verify`);
    const link = await api.as(owner).post<{ token: string }>(`/organisations/${organisationId}/invitations`, {});
    await api.as(plainMember).post('/invitations/accept', { token: link.body.token });
  });
  afterAll(() => api.stop());

  describe('refusals, each in French, storing nothing', () => {
    afterEach(async () => {
      expect(await storedFiles()).toEqual([]);
      expect(await rowCount()).toBe(0);
    });

    it('refuses an executable renamed .pdf', async () => {
      const executable = new Uint8Array((await readFile(process.execPath)).subarray(0, 256 * 1024));
      const response = await upload(owner, executable);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'file_type_refused',
        title: `Ce fichier n’est pas au format PDF, JPEG ou PNG${NBSP}: son contenu ne correspond à aucun de ces formats, quel que soit son nom. Enregistrez-le dans l’un d’eux puis recommencez.`,
      });
    });

    it('refuses a text file and a PDF that does not open', async () => {
      const text = await upload(owner, new TextEncoder().encode('Assureur : MAIF'));
      expect(text.body).toMatchObject({ code: 'file_type_refused' });
      const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF');
      const response = await upload(owner, broken);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'file_unreadable',
        title: `Ce fichier PDF ne s’ouvre pas${NBSP}: il est peut-être abîmé.`,
      });
    });

    it('refuses a file over 5 Mo, and a body far over it before reading it whole', async () => {
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      big.set(pdf);
      const response = await upload(owner, big);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'file_too_large' });
      expect(titleOf(response.body)).toContain(`la limite est de 5${NBSP}Mo`);
      const huge = await upload(owner, new Uint8Array(7 * 1024 * 1024));
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ code: 'payload_too_large' });
    });

    it('refuses a decompression bomb without decoding it', async () => {
      const response = await upload(owner, decompressionBomb(), { fileName: 'scan.png' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'image_too_large',
        title: `Cette image est trop grande${NBSP}: au plus 40${NBSP}millions de pixels.`,
      });
    });

    it('refuses a file name with path separators', async () => {
      for (const fileName of ['../../etc/passwd', '..\\..\\boot.ini']) {
        const response = await upload(owner, pdf, { fileName });
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({ code: 'file_name_invalid' });
        expect(titleOf(response.body)).toContain('sans barre oblique');
      }
    });

    it('refuses an expired certificate and missing details', async () => {
      const expired = await upload(owner, pdf, { expiresOn: inDays(-1) });
      expect(expired.status).toBe(422);
      expect(expired.body).toMatchObject({ code: 'insurance_certificate_expired' });
      const missing = await upload(owner, pdf, { insurer: ' ' });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ code: 'validation_failed' });
    });

    it('lets only an owner upload: a plain member, a stranger, an agent and a visitor are refused', async () => {
      expect((await upload(plainMember)).status).toBe(403);
      expect((await upload(stranger)).status).toBe(404);
      expect((await upload(manager)).status).toBe(404);
      const visitor = await api.visitor.postBytes(
        `/organisations/${organisationId}/insurance-certificate?${details()}`,
        pdf,
        'application/pdf',
      );
      expect(visitor.status).toBe(401);
    });
  });

  describe('once uploaded', () => {
    let certificate: InsuranceCertificateView;

    beforeAll(async () => {
      const response = await upload(owner, pdf, { expiresOn: inDays(40) });
      expect(response.status).toBe(201);
      certificate = response.body;
    });

    it('records what the certificate says and makes its expiry the organisation’s', async () => {
      expect(certificate).toMatchObject({
        organisationId,
        insurer: 'MAIF',
        policyNumber: 'RC-2026-4471',
        expiresOn: inDays(40),
        fileName: 'attestation MAIF.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
      });
      const organisation = await api.as(owner).get<OrganisationView>(`/organisations/${organisationId}`);
      expect(organisation.body).toMatchObject({
        insuranceReference: 'MAIF RC-2026-4471',
        insuranceExpiresOn: inDays(40),
      });
      expect(await storedFiles()).toEqual([certificate.id]);
    });

    it('serves the file through the service, as an attachment that browsers do not sniff', async () => {
      const download = await api.as(plainMember).get(`/organisations/${organisationId}/insurance-certificate/file`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="attestation MAIF.pdf"/);
      expect(Buffer.from(download.bytes).equals(Buffer.from(pdf))).toBe(true);
    });

    it('refuses a booking whose dates fall after the expiry, with a French reason', async () => {
      const late = upcomingSaturday(9, (date) => publicHolidayOn(date) !== null);
      const response = await api.as(owner).post<BookingView>('/bookings', {
        spaceId,
        organisationId,
        startsAt: parisInstant(late, '10:00'),
        endsAt: parisInstant(late, '12:00'),
        purpose: 'Entraînement',
        attendees: 12,
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'insurance_expired',
        title: 'L’attestation d’assurance de l’organisation ne couvre pas la date demandée.',
      });
    });

    it('shows it to the managers of a collège the organisation asked to book, not to others', async () => {
      const path = `/organisations/${organisationId}/insurance-certificate`;
      expect((await api.as(manager).get(path)).status).toBe(404);
      const soon = upcomingSaturday(2, (date) => publicHolidayOn(date) !== null);
      const requested = await api.as(owner).post<BookingView>('/bookings', {
        spaceId,
        organisationId,
        startsAt: parisInstant(soon, '10:00'),
        endsAt: parisInstant(soon, '12:00'),
        purpose: 'Entraînement',
        attendees: 12,
      });
      expect(requested.status).toBe(201);
      const seen = await api.as(manager).get<InsuranceCertificateView>(path);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual(certificate);
      expect((await api.as(manager).get(`${path}/file`)).status).toBe(200);
      expect((await api.as(otherManager).get(path)).status).toBe(404);
      expect((await api.as(otherManager).get(`${path}/file`)).status).toBe(404);
      expect((await api.as(stranger).get(`${path}/file`)).status).toBe(404);
      expect((await api.visitor.get(`${path}/file`)).status).toBe(401);
      expect((await api.as(admin).get(path)).status).toBe(200);
    });

    it('re-encodes an image: what is kept is a clean image of the same pixels, without its metadata', async () => {
      const photo = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#2a6f97' } })
        .withMetadata({ exif: { IFD0: { Copyright: 'secret-author' } } })
        .jpeg()
        .toBuffer();
      expect(photo.includes('secret-author')).toBe(true);
      const response = await upload(owner, photo, { fileName: 'photo.jpg' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'photo.jpg' });
      const download = await api.as(owner).get(`/organisations/${organisationId}/insurance-certificate/file`);
      expect(download.headers.get('content-type')).toBe('image/jpeg');
      const kept = Buffer.from(download.bytes);
      expect(kept.includes('secret-author')).toBe(false);
      expect(await sharp(kept).metadata()).toMatchObject({ width: 60, height: 40, format: 'jpeg' });
    });
  });
});
