import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { conventionReference } from './convention-data';
import type { ConventionSignatories } from './convention-signatories';
import type { ConventionSigning } from './convention-signing';

const PRIVATE = { 'cache-control': 'private, no-store' };

/** Signing the convention online, its sealed result, and who may sign for the collège and the département. */
export function conventionSigningHandlers(
  signing: ConventionSigning,
  signatories: ConventionSignatories,
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
> {
  return {
    bookingConventionSigning: { access: 'anyone', handle: ({ params }, { access }) => signing.view(params.id, access) },
    signBookingConvention: {
      access: 'anyone',
      handle: ({ params, body }, { access, requestId }) => signing.sign(params.id, body, access, requestId),
    },
    signedBookingConvention: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const sealed = await signing.sealed(params.id, access);
        return reply(Buffer.from(sealed.bytes), {
          attachment: `convention-signee-${conventionReference(sealed.booking)}.pdf`,
          headers: { ...PRIVATE, 'x-convention-sha256': sealed.sha256 },
        });
      },
    },
    bookingConventionEvidence: {
      access: 'anyone',
      handle: async ({ params }, { access }) => {
        const evidence = await signing.evidence(params.id, access);
        return reply(Buffer.from(evidence.bytes), {
          attachment: `preuve-convention-${conventionReference(evidence.booking)}.json`,
          headers: { ...PRIVATE, 'content-type': 'application/json', 'x-evidence-sha256': evidence.sha256 },
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
