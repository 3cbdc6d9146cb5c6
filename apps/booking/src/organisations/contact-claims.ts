import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { maskAddress, type ContactClaimStartedView, type OrganisationView } from '@salle/contracts';
import { isMobilePhoneNumber } from '@salle/contracts/phone';
import type { EventSecrets } from '@salle/events';
import { forbidden } from '@salle/http';
import type { Access } from '../access/access';
import { recordBookingAudit } from '../audit/audit-journal';
import { MembershipEntity, OrganisationEntity } from '../database/entities';
import {
  claimCodeAttemptsExhausted,
  claimCodeExpired,
  claimCodeNotRequested,
  claimCodeRateLimited,
  claimCodeWrong,
  claimContactMissing,
  claimPhoneMissing,
  contactClaimNothingToClaim,
  organisationAlreadyClaimed,
  organisationHasOwners,
} from '../errors';
import { announceOrganisationEvent, joinOrganisation } from './membership-events';
import { claimedNumber } from './organisation-claims';
import { toOrganisationView } from './organisation-view';

/** How long a code works, how many tries it allows, and how many codes one record may be sent per hour. */
export const CLAIM_CODE_POLICY = { validMinutes: 15, maxAttempts: 5, perOrganisationPerHour: 3, perAccountPerHour: 5 };

/** The organisation claimed, or how many attempts the wrong code left. */
type ConfirmOutcome = { claimed: OrganisationView; wrong?: never } | { wrong: number; claimed?: never };

interface CodeRow {
  id: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

/** `salt:hmac`: a salted hash, so that the table never holds a code that could be read back. */
function hashCode(code: string, salt = randomBytes(16).toString('base64url')): string {
  return `${salt}:${createHmac('sha256', salt).update(code).digest('base64url')}`;
}

function codeMatches(code: string, stored: string): boolean {
  const [salt] = stored.split(':');
  const candidate = Buffer.from(hashCode(code, salt));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/**
 * The claim of an organisation record that a collège's staff created without members, by the person who is
 * its contact: a 6-digit code sent to the record's contact e-mail, or by SMS to its mobile phone, proves it. The right code makes the
 * caller its owner (recorded in `claimed_by`), so that the bookings entered for it become theirs to follow.
 * A claim on a record that has members is the arbitrated `OrganisationClaims`, not this.
 */
export class ContactClaims {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: EventSecrets,
  ) {}

  /**
   * Sends a code to the record's contact: by e-mail, or by SMS to its mobile phone when the claimant chose it. The
   * code is kept as a salted HMAC and travels sealed in `organisation.claim_code_requested` (never in clear in the
   * outbox or the stream); the notification service opens it to write the message.
   */
  async start(number: string, access: Access, channel: 'email' | 'sms' = 'email'): Promise<ContactClaimStartedView> {
    const caller = requireFranceConnect(access);
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.claimable(manager, number);
      const to = channel === 'sms' ? mobileOf(organisation) : organisation.contactEmail;
      if (!to) throw channel === 'sms' ? claimPhoneMissing() : claimContactMissing();
      await checkRate(manager, organisation.id, caller.accountId);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(Date.now() + CLAIM_CODE_POLICY.validMinutes * 60_000);
      const [sent] = (await manager.query(
        `INSERT INTO booking.contact_claim_code (organisation_id, account_id, code_hash, expires_at) VALUES ($1, $2, $3, $4)
         RETURNING id`,
        [organisation.id, caller.accountId, hashCode(code), expiresAt],
      )) as { id: string }[];
      if (!sent) throw new Error('the claim code was not recorded');
      // The channel, never the code nor where it went.
      await recordBookingAudit(manager, {
        actor: { accountId: caller.accountId, role: 'account_holder' },
        action: 'organisation_claim.code_sent',
        object: { type: 'contact_claim_code', id: sent.id },
        organisationId: organisation.id,
        changes: {
          channel: { before: null, after: channel },
          expiresAt: { before: null, after: expiresAt.toISOString() },
        },
      });
      await announceOrganisationEvent(manager, {
        type: 'organisation.claim_code_requested',
        payload: {
          organisationId: organisation.id,
          organisationName: organisation.name,
          channel,
          to,
          sealedCode: this.secrets.seal(code, 'organisation.claim_code_requested'),
          expiresAt: expiresAt.toISOString(),
        },
      });
      return {
        organisationName: organisation.name,
        channel,
        sentTo: maskAddress(to),
        expiresAt: expiresAt.toISOString(),
      };
    });
  }

  /** A wrong code counts its attempt even though the answer is a refusal: the count is committed first. */
  async confirm(number: string, code: string, access: Access): Promise<OrganisationView> {
    const caller = requireFranceConnect(access);
    const outcome = await this.dataSource.transaction(async (manager): Promise<ConfirmOutcome> => {
      const organisation = await this.claimable(manager, number);
      const [row] = (await manager.query(
        `SELECT id, code_hash AS "codeHash", attempts, expires_at AS "expiresAt", used_at AS "usedAt"
           FROM booking.contact_claim_code WHERE organisation_id = $1 AND account_id = $2
          ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [organisation.id, caller.accountId],
      )) as CodeRow[];
      if (!row || row.usedAt) throw claimCodeNotRequested();
      if (row.attempts >= CLAIM_CODE_POLICY.maxAttempts) throw claimCodeAttemptsExhausted();
      if (row.expiresAt.getTime() <= Date.now()) throw claimCodeExpired();
      if (!codeMatches(code, row.codeHash)) {
        await manager.query(`UPDATE booking.contact_claim_code SET attempts = attempts + 1 WHERE id = $1`, [row.id]);
        return { wrong: CLAIM_CODE_POLICY.maxAttempts - row.attempts - 1 };
      }
      await manager.query(`UPDATE booking.contact_claim_code SET used_at = now() WHERE id = $1`, [row.id]);
      Object.assign(organisation, { claimedBy: caller.accountId, claimedAt: new Date(), updatedAt: new Date() });
      await manager.save(organisation);
      await joinOrganisation(manager, organisation.id, caller, 'owner');
      await recordBookingAudit(manager, {
        actor: { accountId: caller.accountId, role: 'account_holder' },
        action: 'organisation_claim.confirmed',
        object: { type: 'organisation', id: organisation.id },
        organisationId: organisation.id,
        changes: { claimedBy: { before: null, after: caller.accountId } },
      });
      return { claimed: toOrganisationView(organisation) };
    });
    if (outcome.claimed) return outcome.claimed;
    throw outcome.wrong > 0 ? claimCodeWrong(outcome.wrong) : claimCodeAttemptsExhausted();
  }

  /** The staff-created record with this number that nobody holds yet, locked; the refusal that says why otherwise. */
  private async claimable(manager: EntityManager, number: string): Promise<OrganisationEntity> {
    const { column, value } = claimedNumber(number);
    // Only a pending or verified record holds its number (a rejected one does not).
    const record = await manager.findOne(OrganisationEntity, {
      where: { [column]: value, status: In(['pending', 'verified']) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) throw contactClaimNothingToClaim();
    if (record.claimedBy) throw organisationAlreadyClaimed();
    // A declared organisation always has an owner: only a record a collège created can be claimed by its contact.
    if (await manager.existsBy(MembershipEntity, { organisationId: record.id })) throw organisationHasOwners();
    if (!record.createdBy) throw contactClaimNothingToClaim();
    return record;
  }
}

/** The record's contact phone when it reaches a mobile (an SMS to a landline is lost). */
function mobileOf(organisation: OrganisationEntity): string | null {
  const phone = organisation.contactPhone;
  return phone && isMobilePhoneNumber(phone) ? phone : null;
}

function requireFranceConnect(access: Access) {
  const caller = access.requireCaller();
  if (caller.provider !== 'franceconnect') throw forbidden('Un organisme se revendique avec un compte FranceConnect.');
  return caller;
}

/** At most a few codes per record and per person each hour: a code is 6 digits, and each one sends a message. */
async function checkRate(manager: EntityManager, organisationId: string, accountId: string): Promise<void> {
  const [counts] = (await manager.query(
    `SELECT count(*) FILTER (WHERE organisation_id = $1)::int AS "organisation",
            count(*) FILTER (WHERE account_id = $2)::int AS "account"
       FROM booking.contact_claim_code
      WHERE (organisation_id = $1 OR account_id = $2) AND created_at > now() - interval '1 hour'`,
    [organisationId, accountId],
  )) as { organisation: number; account: number }[];
  if (
    (counts?.organisation ?? 0) >= CLAIM_CODE_POLICY.perOrganisationPerHour ||
    (counts?.account ?? 0) >= CLAIM_CODE_POLICY.perAccountPerHour
  )
    throw claimCodeRateLimited();
}
