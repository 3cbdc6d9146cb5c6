import { frenchDateTime, frenchEuros, frenchSlot } from '@salle/contracts';
import type { MessageContent } from '../messages/message-layout';

const NB = '\u00a0';

/** A request awaiting a decision, as the digest lists it (any name may still be unknown). */
export interface PendingRequest {
  bookingId: string;
  establishmentId: string;
  establishmentName: string | null;
  spaceName: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  priceCents: number | null;
  decisionDueAt: Date | null;
}

/** « mardi 3 mars 2026, 19 h – 21 h 30 · Gymnase · 45,00 € · à décider avant le 20 février 2026 à 13 h 00 » */
function requestLine(request: PendingRequest): string {
  const parts = [
    request.startsAt && request.endsAt ? frenchSlot(request.startsAt, request.endsAt) : 'créneau non précisé',
    request.spaceName,
    request.priceCents === null ? null : request.priceCents === 0 ? 'gratuit' : frenchEuros(request.priceCents),
    request.decisionDueAt ? `à décider avant le ${frenchDateTime(request.decisionDueAt)}` : null,
  ];
  return `– ${parts.filter(Boolean).join(' · ')}`;
}

/**
 * The daily digest of a collège manager: the requests awaiting a decision,
 * by collège, soonest deadline first, each collège with the link to its
 * requests page. A pure function: the worker gives it the requests and the site's URL.
 */
export function digestContent(requests: PendingRequest[], webUrl: string): MessageContent {
  const byCollege = new Map<string, PendingRequest[]>();
  for (const request of requests)
    byCollege.set(request.establishmentId, [...(byCollege.get(request.establishmentId) ?? []), request]);
  const requestsPage = (establishmentId: string) => `${webUrl}/gestion/${establishmentId}/demandes`;
  const count = requests.length;
  const sections = [...byCollege.entries()].map(([establishmentId, pending]) =>
    [
      `${pending[0]?.establishmentName ?? 'Votre collège'} (${pending.length} demande${pending.length > 1 ? 's' : ''})${NB}:`,
      ...pending.map(requestLine),
      `Les traiter${NB}: ${requestsPage(establishmentId)}`,
    ].join('\n'),
  );
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
