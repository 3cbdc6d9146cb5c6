import type { Caller } from '@salle/auth';
import type { AccountRole, MeResponse } from '@salle/contracts';
import type { Session } from '../sessions/session-store';
import type { BookingClient } from './booking-client';

export function callerOf(session: Session): Caller {
  return {
    accountId: session.accountId,
    provider: session.provider,
    displayName: session.displayName,
    roles: session.roles,
    ...(session.provider === 'proconnect' && session.siret ? { siret: session.siret } : {}),
    // An agent's professional e-mail accepts the invitations to manage a collège sent to it; a citizen's is not sent.
    ...(session.provider === 'proconnect' && session.email ? { email: session.email } : {}),
    // Signatures of conventions record it as their level of assurance.
    ...(session.acr ? { acr: session.acr } : {}),
  };
}

/** The account, its roles (admin from configuration, the rest from booking) and what it acts for. */
export async function describeMe(session: Session, booking: BookingClient, requestId: string): Promise<MeResponse> {
  const fromBooking = await booking.me(callerOf(session), requestId);
  const roles = new Set<AccountRole>([...session.roles, ...(fromBooking?.roles ?? [])]);
  return {
    account: {
      id: session.accountId,
      provider: session.provider,
      displayName: session.displayName,
      ...(session.email ? { email: session.email } : {}),
      ...(session.organisationLabel ? { organisationLabel: session.organisationLabel } : {}),
      ...(session.siret ? { siret: session.siret } : {}),
    },
    roles: [...roles].sort(),
    organisations: fromBooking?.organisations ?? [],
    establishments: fromBooking?.establishments ?? [],
    csrfToken: session.csrfToken,
    session: { expiresAt: new Date(session.expiresAt).toISOString() },
    incomplete: fromBooking === undefined,
  };
}
