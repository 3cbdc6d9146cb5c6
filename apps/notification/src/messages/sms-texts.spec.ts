import { smsLength } from '@salle/contracts';
import type { BookingFacts } from '../bookings/booking-facts';
import { smsText, toGsmAlphabet } from './sms-texts';

const facts: BookingFacts = {
  bookingId: 'b',
  establishmentId: 'e',
  organisationId: 'o',
  seriesId: null,
  startsAt: new Date('2026-03-03T18:00:00Z'),
  endsAt: new Date('2026-03-03T20:30:00Z'),
  priceCents: 4_500,
  organisationName: 'Les Amis du Volley',
  establishmentName: 'Collège Jean Moulin',
  spaceName: 'Gymnase',
};

describe('SMS texts', () => {
  it('writes the approval with the amount and the deadline, in one GSM-7 SMS', () => {
    const text = smsText(
      { template: 'approved_to_pay', audience: 'organisation', amountCents: 4_500, payBy: '2026-02-24T22:59:00Z' },
      facts,
    );
    expect(text).toBe(
      'Réservation acceptée : 3 mars, 19 h (Gymnase). Payez 45,00 € avant le 24 février à 23 h 59, sinon elle sera annulée. Détails par courriel.',
    );
    expect(smsLength(text ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('writes a series’ approval once: its sessions from the first, and the first period due, in one GSM-7 SMS', () => {
    const session = { bookingId: 'b', startsAt: '2026-03-03T18:00:00Z', endsAt: '2026-03-03T20:30:00Z', priceCents: 0 };
    const periods = [
      {
        key: '2025-T2',
        label: '2e trimestre',
        amountCents: 22_500,
        dueAt: '2026-02-24T22:59:00Z',
        firstBookingId: 'b',
      },
      {
        key: '2025-T3',
        label: '3e trimestre',
        amountCents: 45_000,
        dueAt: '2026-03-24T22:59:00Z',
        firstBookingId: 'c',
      },
    ];
    const series = { seriesId: 's', sessions: Array.from({ length: 15 }, () => session), periods };
    const text = smsText(
      {
        template: 'approved_to_pay',
        audience: 'organisation',
        amountCents: 67_500,
        payBy: '2026-02-24T22:59:00Z',
        series,
      },
      facts,
    );
    expect(text).toContain('Réservation régulière acceptée : 15 séances dès le 3 mars, 19 h');
    expect(text).toContain('Payez 225,00 € avant le 24 février à 23 h 59, puis chaque période avant sa date.');
    expect(smsLength(text ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('writes the collège’s cancellation of sessions of a series once: how many from the first, and the total refund', () => {
    const session = { bookingId: 'b', startsAt: '2026-03-03T18:00:00Z', endsAt: '2026-03-03T20:30:00Z', priceCents: 0 };
    const series = { seriesId: 's', sessions: Array.from({ length: 4 }, () => session), periods: [] };
    const text = smsText(
      {
        template: 'cancelled_by_establishment',
        audience: 'organisation',
        by: 'establishment',
        reason: null,
        refundCents: 18_000,
        series,
      },
      facts,
    );
    expect(text).toBe(
      'Annulation : le collège a annulé 4 séances de votre réservation régulière dès le 3 mars, 19 h (Gymnase). Remboursement : 180,00 €. Détails par courriel.',
    );
    expect(smsLength(text ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('writes the collège’s cancellation with the refund, and drops the place rather than take a second SMS', () => {
    const planned = {
      template: 'cancelled_by_establishment' as const,
      audience: 'organisation' as const,
      by: 'establishment' as const,
      reason: null,
      refundCents: 4_500,
    };
    expect(smsText(planned, facts)).toBe(
      'Annulation : le collège a annulé votre réservation du 3 mars, 19 h (Gymnase). Remboursement : 45,00 €. Détails par courriel.',
    );
    // A département admin's cancellation names the département.
    expect(smsText({ ...planned, by: 'department' }, facts)).toBe(
      'Annulation : le département a annulé votre réservation du 3 mars, 19 h (Gymnase). Remboursement : 45,00 €. Détails par courriel.',
    );
    const long = smsText(planned, { ...facts, spaceName: 'Grande salle polyvalente du rez-de-chaussée, aile nord' });
    expect(long).not.toContain('aile nord');
    expect(smsLength(long ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('sends no SMS for the messages that can wait for the e-mail, nor without a known slot', () => {
    expect(smsText({ template: 'request_received', audience: 'organisation' }, facts)).toBeNull();
    expect(smsText({ template: 'refund_issued', audience: 'organisation', amountCents: 1 }, facts)).toBeNull();
    const planned = {
      template: 'cancelled_by_establishment' as const,
      audience: 'organisation' as const,
      by: 'establishment' as const,
    };
    expect(smsText({ ...planned, reason: null, refundCents: null }, { ...facts, startsAt: null })).toBeNull();
  });

  it('writes the session reminder in one GSM-7 SMS', () => {
    const text = smsText({ template: 'session_reminder', audience: 'organisation' }, facts) ?? '';
    expect(text).toBe(
      "Rappel : votre réservation du 3 mars, 19 h (Gymnase). En cas d'empechement, annulez-la sur le site.",
    );
    expect(smsLength(text).encoding).toBe('gsm7');
  });

  it('writes the payment and decision reminders with their amount and deadline, in one GSM-7 SMS', () => {
    const payBy = '2026-02-24T22:59:00Z';
    const payment = smsText(
      { template: 'payment_reminder', audience: 'organisation', amountCents: 4_500, payBy },
      facts,
    );
    expect(payment).toBe(
      'Rappel : payez 45,00 € avant le 24 février à 23 h 59 votre réservation du 3 mars, 19 h (Gymnase), sinon elle sera annulée. Détails par courriel.',
    );
    // A series' period: reminded once for it, named, in one SMS still.
    const series = { seriesId: 's', periodLabel: '2e trimestre 2025-2026 (janvier à mars)' };
    const period = smsText(
      { template: 'payment_reminder', audience: 'organisation', amountCents: 36_000, payBy, series },
      facts,
    );
    expect(period).toContain('Rappel : payez 360,00 € avant le 24 février à 23 h 59');
    expect(period).toContain('réservation régulière');
    expect(smsLength(period ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const decideBy = '2026-02-20T12:00:00Z';
    const decision = smsText({ template: 'decision_reminder', audience: 'establishment', decideBy }, facts);
    expect(decision).toBe(
      'Rappel : une demande de réservation du 3 mars, 19 h (Gymnase) attend votre décision avant le 20 février à 13 h, sinon elle expirera. Détails par courriel.',
    );
    for (const text of [payment, decision])
      expect(smsLength(text ?? '')).toMatchObject({ encoding: 'gsm7', segments: 1 });
    // A long place name is dropped rather than send two SMS.
    const long = { ...facts, spaceName: 'Grande salle polyvalente du rez-de-chaussée, aile nord' };
    const shorter = smsText({ template: 'decision_reminder', audience: 'establishment', decideBy }, long) ?? '';
    expect(shorter).not.toContain('aile nord');
    expect(smsLength(shorter)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('maps French typography to the GSM alphabet', () => {
    expect(toGsmAlphabet('l’être « ça » – fête\u00a0!')).toBe('l\'etre "ca" - fete !');
    expect(smsLength(toGsmAlphabet('Fête de l’école')).encoding).toBe('gsm7');
  });
});
