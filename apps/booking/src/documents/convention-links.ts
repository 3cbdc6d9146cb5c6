import type { DataSource } from 'typeorm';
import type { SignedLinkQuery } from '@salle/contracts';
import { checkDownload, signDownload, type ObjectStore } from '@salle/storage';
import { conventionNotIssued, downloadLinkExpired, downloadLinkInvalid } from '../errors';

/** How long a link sent by e-mail works: long enough to open the message the next day, short enough to leak little. */
export const CONVENTION_LINK_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * How long the link to the sealed convention, e-mailed once when the last party signs, works: the document the
 * organisation keeps, so longer than an issued draft's link (the parties still download it from the booking's page,
 * logged in, afterwards). A month: a message read after a holiday still opens it.
 */
export const SIGNED_CONVENTION_LINK_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/** What a signed link opens: the issued PDF, the sealed one, or the scan of the paper signed at the collège. */
export interface LinkedDownload {
  bytes: Uint8Array;
  kind: 'issued' | 'sealed' | 'paper';
  contentType: string;
}

/** A signed link's path under the booking API, and when it stops working. */
export interface ConventionLink {
  path: string;
  expiresAt: Date;
}

/**
 * The link's path to the object `key` (the issued or the sealed convention of `bookingId`), signed with `secret`
 * until `expiresAt` (rounded down to the second, as the link carries it).
 */
export function conventionLink(bookingId: string, key: string, expiresAt: Date, secret: string): ConventionLink {
  const { expires, signature } = signDownload(key, expiresAt, secret);
  return {
    path: `/downloads/conventions/${bookingId}?${new URLSearchParams({ expires: String(expires), signature })}`,
    expiresAt: new Date(expires * 1000),
  };
}

/**
 * Short-lived signed links to a booking's issued convention, or to its sealed copy (or scan, signed on paper) once
 * signed by every party, for
 * e-mails (no session travels with them). The signature covers the stored object's key, never taken from the
 * request: a link for one booking opens nothing else, a link to the issued document never opens the sealed one (nor
 * the reverse), and a convention issued again makes the old links void.
 */
export class ConventionLinks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly secret: string,
  ) {}

  /** The link's path under the booking API (`/api/booking` through the gateway), or undefined before issue. */
  async pathFor(bookingId: string, now = new Date()): Promise<string | undefined> {
    const { issued } = await this.storageKeys(bookingId);
    if (!issued) return undefined;
    return conventionLink(bookingId, issued, new Date(now.getTime() + CONVENTION_LINK_LIFETIME_MS), this.secret).path;
  }

  /**
   * The stored file the link was made for (the issued or the sealed PDF, or the scan of the convention signed on
   * paper), when it is the service's and unexpired.
   */
  async download(bookingId: string, link: SignedLinkQuery, now = new Date()): Promise<LinkedDownload> {
    const keys = await this.storageKeys(bookingId);
    // An unknown booking and a wrong signature answer alike, so a link tells nothing about other bookings.
    const [check, kind] = (['sealed', 'paper', 'issued'] as const)
      .map((candidate) => [candidate, keys[candidate]] as const)
      .filter((entry): entry is readonly [LinkedDownload['kind'], string] => Boolean(entry[1]))
      .map(([candidate, key]) => [checkDownload(key, link, this.secret, now), candidate] as const)
      .find(([result]) => result !== 'invalid') ?? ['invalid', undefined];
    if (check === 'invalid' || !kind) throw downloadLinkInvalid();
    if (check === 'expired') throw downloadLinkExpired();
    const stored = await this.store.get(keys[kind] as string);
    if (!stored) throw conventionNotIssued();
    return { bytes: stored.body, kind, contentType: stored.contentType };
  }

  private async storageKeys(bookingId: string): Promise<{ issued?: string; sealed?: string; paper?: string }> {
    const [row] = (await this.dataSource.query(
      `SELECT c.storage_key AS issued, c.sealed_storage_key AS sealed, c.paper_storage_key AS paper
         FROM booking.booking b
       JOIN booking.convention c ON (b.series_id IS NOT NULL AND c.series_id = b.series_id)
                                 OR (b.series_id IS NULL AND c.booking_id = b.id)
       WHERE b.id = $1`,
      [bookingId],
    )) as { issued: string; sealed: string | null; paper: string | null }[];
    return { issued: row?.issued, sealed: row?.sealed ?? undefined, paper: row?.paper ?? undefined };
  }
}
