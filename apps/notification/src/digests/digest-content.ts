import { frenchDate, frenchDateTime, frenchEuros, frenchSlot, frenchTimeRange } from '@salle/contracts';
import type { MessageContent } from '../messages/message-layout';

const NB = '\u00a0';

/** A request awaiting a decision, as the digest lists it (any name may still be unknown). */
export interface PendingRequest {
  bookingId: string;
  establishmentId: string;
  /** Set for a session of a weekly series: the series' sessions awaiting a decision are listed as one line. */
  seriesId: string | null;
  establishmentName: string | null;
  spaceName: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  priceCents: number | null;
  decisionDueAt: Date | null;
}

/** « 45,00 € », « gratuit », or nothing when no price is known. */
function priceOf(cents: number | null): string | null {
  return cents === null ? null : cents === 0 ? 'gratuit' : frenchEuros(cents);
}

/** « mardi 3 mars 2026, 19 h – 21 h 30 · Gymnase · 45,00 € · à décider avant le 20 février 2026 à 13 h 00 » */
function requestLine(request: PendingRequest): string {
  const parts = [
    request.startsAt && request.endsAt ? frenchSlot(request.startsAt, request.endsAt) : 'créneau non précisé',
    request.spaceName,
    priceOf(request.priceCents),
    request.decisionDueAt ? `à décider avant le ${frenchDateTime(request.decisionDueAt)}` : null,
  ];
  return `– ${parts.filter(Boolean).join(' · ')}`;
}

/** The sessions' span and, when they share them, their hours: « 20 séances, du mardi 6 janvier 2026 au … ». */
function seriesSpan(sessions: PendingRequest[]): string {
  const starts = sessions.flatMap((session) => (session.startsAt ? [session.startsAt] : []));
  starts.sort((a, b) => a.getTime() - b.getTime());
  const [first] = starts;
  const last = starts[starts.length - 1];
  const count = sessions.length === 1 ? '1 séance' : `${sessions.length} séances`;
  const span =
    !first || !last
      ? count
      : first === last
        ? `${count}, le ${frenchDate(first)}`
        : `${count}, du ${frenchDate(first)} au ${frenchDate(last)}`;
  const hours = new Set(
    sessions.map((session) =>
      session.startsAt && session.endsAt ? frenchTimeRange(session.startsAt, session.endsAt) : '',
    ),
  );
  const [only] = hours;
  return hours.size === 1 && only ? `${span}, ${only}` : span;
}

/**
 * « Réservation régulière, 20 séances, du … au …, 19 h – 21 h 30 · Gymnase · 800,00 € · à décider avant le … ·
 * <the series' page> »: a series' sessions awaiting a decision, as one line (the soonest deadline; the total price).
 */
function seriesLine(seriesId: string, sessions: PendingRequest[], webUrl: string): string {
  const prices = sessions.map((session) => session.priceCents);
  const total = prices.every((price) => price !== null)
    ? prices.reduce<number>((sum, price) => sum + (price ?? 0), 0)
    : null;
  const dues = sessions.flatMap((session) => (session.decisionDueAt ? [session.decisionDueAt] : []));
  const soonest = dues.length ? new Date(Math.min(...dues.map((due) => due.getTime()))) : null;
  const parts = [
    `Réservation régulière, ${seriesSpan(sessions)}`,
    sessions[0]?.spaceName ?? null,
    priceOf(total),
    soonest ? `à décider avant le ${frenchDateTime(soonest)}` : null,
    `${webUrl}/series/${seriesId}`,
  ];
  return `– ${parts.filter(Boolean).join(' · ')}`;
}

/** A collège's pending requests as the digest lists them: one-off requests one by one, each series once, in order. */
function lines(pending: PendingRequest[], webUrl: string): string[] {
  const series = new Map<string, PendingRequest[]>();
  const items: ({ request: PendingRequest } | { seriesId: string })[] = [];
  for (const request of pending) {
    if (!request.seriesId) {
      items.push({ request });
      continue;
    }
    const sessions = series.get(request.seriesId);
    if (sessions) sessions.push(request);
    else {
      series.set(request.seriesId, [request]);
      items.push({ seriesId: request.seriesId });
    }
  }
  return items.map((item) =>
    'request' in item ? requestLine(item.request) : seriesLine(item.seriesId, series.get(item.seriesId) ?? [], webUrl),
  );
}

/**
 * The daily digest of a collège manager: the requests awaiting a decision,
 * by collège, soonest deadline first (a series' sessions as one line, with
 * its page), each collège with the link to its requests page. A pure function: the worker gives it the requests and the site's URL.
 */
export function digestContent(requests: PendingRequest[], webUrl: string): MessageContent {
  const byCollege = new Map<string, PendingRequest[]>();
  for (const request of requests)
    byCollege.set(request.establishmentId, [...(byCollege.get(request.establishmentId) ?? []), request]);
  const requestsPage = (establishmentId: string) => `${webUrl}/gestion/${establishmentId}/demandes`;
  let count = 0;
  const sections = [...byCollege.entries()].map(([establishmentId, pending]) => {
    // A series' request counts once, as it is decided.
    const listed = lines(pending, webUrl);
    count += listed.length;
    return [
      `${pending[0]?.establishmentName ?? 'Votre collège'} (${listed.length} demande${listed.length > 1 ? 's' : ''})${NB}:`,
      ...listed,
      `Les traiter${NB}: ${requestsPage(establishmentId)}`,
    ].join('\n');
  });
  const [first] = byCollege.keys();
  return {
    subject: `${count} demande${count > 1 ? 's' : ''} de réservation en attente de votre décision`,
    paragraphs: [
      'Bonjour,',
      `Voici le récapitulatif du jour${NB}: ${count > 1 ? `${count} demandes attendent` : 'une demande attend'} votre décision. Sans décision à la date indiquée, une demande expire.`,
      ...sections,
      'Vous recevez ce récapitulatif quotidien au lieu d’un courriel par demande. Vous pouvez revenir à un courriel par demande dans « Mon compte ».',
    ],
    details: [],
    action: first ? { label: 'Traiter les demandes', url: requestsPage(first) } : null,
  };
}
