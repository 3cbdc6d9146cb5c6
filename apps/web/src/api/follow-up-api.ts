import { CONVENTION_CONSENT } from '@salle/contracts/browser';
import type { BookingMessageView, ConventionVerification, MembershipRole, RecordIncidentBody } from '@salle/contracts';
import type { RequestOptions } from './api-client';
import { booking } from './booking-api';
import { api } from './http';

/**
 * What follows a request, apart from `bookingApi` so that the first page (the search) does not carry it: the
 * convention's signing and verification, the conversation's files, incidents, and the claim of a record by its
 * contact.
 */
export const followUpApi = {
  /** The service e-mails the link to `email`; the answer names the address, masked, and carries no secret. */
  inviteByEmail: (id: string, role: MembershipRole, email: string) =>
    booking.call('createInvitation', { params: { id }, body: { role, email } }),
  // The code travels in bodies, never in paths or queries: they end up in access logs.
  startContactClaim: (number: string, channel: 'email' | 'sms' = 'email') =>
    booking.call('startContactClaim', { body: { number, channel } }),
  confirmContactClaim: (number: string, code: string) =>
    booking.call('confirmContactClaim', { body: { number, code } }),
  incidents: (bookingId: string, options?: RequestOptions) =>
    booking.call('incidents', { params: { id: bookingId } }, options),
  recordIncident: (bookingId: string, body: RecordIncidentBody) =>
    booking.call('recordIncident', { params: { id: bookingId }, body }),
  /** The PDF goes as the body; nothing is kept by the service. */
  verifyConvention: (file: Blob) => api.upload<ConventionVerification>(booking.url('verifyConvention', {}), file),
  /** Where the online signing of the convention stands, for the caller. */
  conventionSigning: (id: string, options?: RequestOptions) =>
    booking.call('bookingConventionSigning', { params: { id } }, options),
  signConvention: (id: string, documentSha256: string) =>
    booking.call('signBookingConvention', {
      params: { id },
      body: { documentSha256, consent: true, consentVersion: CONVENTION_CONSENT.version },
    }),
  signedConventionUrl: (id: string) => booking.url('signedBookingConvention', { id }),
  conventionEvidenceUrl: (id: string) => booking.url('bookingConventionEvidence', { id }),
  /** The framework convention of the booking's school year (framework mode): the same calls as its convention. */
  frameworkSigning: (id: string, options?: RequestOptions) =>
    booking.call('bookingFrameworkSigning', { params: { id } }, options),
  signFramework: (id: string, documentSha256: string) =>
    booking.call('signBookingFramework', {
      params: { id },
      body: { documentSha256, consent: true, consentVersion: CONVENTION_CONSENT.version },
    }),
  frameworkUrl: (id: string) => booking.url('bookingFrameworkConvention', { id }),
  signedFrameworkUrl: (id: string) => booking.url('signedBookingFramework', { id }),
  frameworkEvidenceUrl: (id: string) => booking.url('bookingFrameworkEvidence', { id }),
  /** The scan of a convention (or framework convention) signed on paper, opened as a plain link like the sealed PDF. */
  paperScanUrl: (id: string, part: 'own' | 'framework' = 'own') =>
    `${booking.url('paperConventionScan', { id })}${part === 'framework' ? '?part=framework' : ''}`,
  conventionsToSign: (options?: RequestOptions) => booking.call('conventionsToSign', {}, options),
  /** Admins: who holds the delegation to sign conventions for the département, granted and withdrawn here. */
  conventionDelegates: (options?: RequestOptions) => booking.call('conventionDelegates', {}, options),
  grantConventionDelegation: (accountId: string, deliberation: string) =>
    booking.call('grantConventionDelegation', { params: { id: accountId }, body: { deliberation } }),
  revokeConventionDelegation: (accountId: string) =>
    booking.call('revokeConventionDelegation', { params: { id: accountId } }),
  /** Admins: the manager who signs the collège's conventions online. */
  setManagerSignatory: (id: string, accountId: string, signatory: boolean) =>
    booking.call('setManagerSignatory', { params: { id, accountId }, body: { signatory } }),
  /** A message with a file: the file goes as the body, its name and the text with it in the query. */
  postMessageAttachment: (bookingId: string, file: File, body: string) =>
    api.upload<BookingMessageView>(booking.url('postBookingMessageAttachment', { id: bookingId }), file, {
      query: { fileName: file.name, ...(body.trim() ? { body } : {}) },
    }),
  /** Opened as a plain link: the session cookie goes with it and the service checks the caller is a party. */
  messageAttachmentUrl: (bookingId: string, messageId: string) =>
    booking.url('bookingMessageAttachment', { id: bookingId, messageId }),
};
