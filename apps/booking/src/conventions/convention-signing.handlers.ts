import { reply } from '@salle/http';
import type { Access } from '../access/access';
import type { BookingModuleHandlers } from '../access/access-policy';
import { conventionReference } from './convention-data';
import type { ConventionSignatories } from './convention-signatories';
import type { ConventionPart, ConventionSigning } from './convention-signing';
import type { PaperConventions } from './paper-conventions';
import { INSURANCE_UPLOAD_BODY_LIMIT } from '../documents/insurance.handlers';

const PRIVATE = { 'cache-control': 'private, no-store' };

/** The sealed PDF and the evidence file of a booking's convention (or annex), or of its framework. */
function sealedFiles(signing: ConventionSigning, part: ConventionPart) {
  const name = part === 'framework' ? 'convention-cadre' : 'convention';
  return {
    sealed: async (id: string, access: Access) => {
      const sealed = await signing.sealed(id, access, part);
      return reply(Buffer.from(sealed.bytes), {
        attachment: `${name}-signee-${conventionReference(sealed.booking)}.pdf`,
        headers: { ...PRIVATE, 'x-convention-sha256': sealed.sha256 },
      });
    },
    evidence: async (id: string, access: Access) => {
      const evidence = await signing.evidence(id, access, part);
      return reply(Buffer.from(evidence.bytes), {
        attachment: `preuve-${name}-${conventionReference(evidence.booking)}.json`,
        headers: { ...PRIVATE, 'content-type': 'application/json', 'x-evidence-sha256': evidence.sha256 },
      });
    },
  };
}

/** Signing the convention online, its sealed result, and who may sign for the collège and the département. */
export function conventionSigningHandlers(
  signing: ConventionSigning,
  signatories: ConventionSignatories,
  paper: PaperConventions,
): BookingModuleHandlers<
  | 'bookingConventionSigning'
  | 'signBookingConvention'
  | 'signedBookingConvention'
  | 'bookingConventionEvidence'
  | 'setManagerSignatory'
  | 'conventionsToSign'
  | 'conventionDelegates'
  | 'grantConventionDelegation'
  | 'revokeConventionDelegation'
  | 'bookingFrameworkSigning'
  | 'signBookingFramework'
  | 'signedBookingFramework'
  | 'bookingFrameworkEvidence'
  | 'recordPaperConvention'
  | 'paperConventionScan'
> {
  const own = sealedFiles(signing, 'own');
  const framework = sealedFiles(signing, 'framework');
  return {
    bookingConventionSigning: { access: 'anyone', handle: ({ params }, { access }) => signing.view(params.id, access) },
    signBookingConvention: {
      access: 'anyone',
      handle: ({ params, body }, { access, requestId }) => signing.sign(params.id, body, access, requestId),
    },
    signedBookingConvention: { access: 'anyone', handle: ({ params }, { access }) => own.sealed(params.id, access) },
    bookingConventionEvidence: {
      access: 'anyone',
      handle: ({ params }, { access }) => own.evidence(params.id, access),
    },
    bookingFrameworkSigning: {
      access: 'anyone',
      handle: ({ params }, { access }) => signing.view(params.id, access, 'framework'),
    },
    signBookingFramework: {
      access: 'anyone',
      handle: ({ params, body }, { access, requestId }) =>
        signing.sign(params.id, body, access, requestId, 'framework'),
    },
    signedBookingFramework: {
      access: 'anyone',
      handle: ({ params }, { access }) => framework.sealed(params.id, access),
    },
    bookingFrameworkEvidence: {
      access: 'anyone',
      handle: ({ params }, { access }) => framework.evidence(params.id, access),
    },
    recordPaperConvention: {
      access: 'anyoneRawBody',
      // The scan is checked like an insurance certificate: the same 5 Mo rule, under the same raw body cap.
      rawBody: { limit: INSURANCE_UPLOAD_BODY_LIMIT },
      handle: ({ params, query, body }, { access, requestId }) =>
        paper.record(params.id, query, new Uint8Array(body as Buffer), access, requestId),
    },
    paperConventionScan: {
      access: 'anyone',
      handle: async ({ params, query }, { access }) => {
        const scan = await paper.scan(params.id, access, query.part);
        return reply(Buffer.from(scan.bytes), {
          attachment: scan.fileName,
          headers: {
            ...PRIVATE,
            'content-type': scan.contentType,
            'x-content-type-options': 'nosniff',
            'x-convention-sha256': scan.sha256,
          },
        });
      },
    },
    setManagerSignatory: {
      access: 'admin',
      handle: ({ params, body }, { access }) =>
        signatories.setSignatory(params.id, params.accountId, body.signatory, access),
    },
    conventionsToSign: { access: 'admin', handle: (_input, { access }) => signatories.toSign(access) },
    conventionDelegates: { access: 'admin', handle: (_input, { access }) => signatories.delegates(access) },
    grantConventionDelegation: {
      access: 'admin',
      handle: ({ params, body }, { access }) => signatories.grantDelegation(params.id, body.deliberation, access),
    },
    revokeConventionDelegation: {
      access: 'admin',
      handle: ({ params }, { access }) => signatories.revokeDelegation(params.id, access),
    },
  };
}
