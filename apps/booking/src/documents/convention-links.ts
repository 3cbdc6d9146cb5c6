import type { DataSource } from 'typeorm';
import type { SignedLinkQuery } from '@salle/contracts';
import { checkDownload, signDownload, type ObjectStore } from '@salle/storage';
import { conventionNotIssued, downloadLinkExpired, downloadLinkInvalid } from '../errors';

/** How long a link sent by e-mail works: long enough to open the message the next day, short enough to leak little. */
export const CONVENTION_LINK_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * Short-lived signed links to a booking's issued convention, for e-mails (no session travels with them). The
 * signature covers the stored object's key, never taken from the request: a link for one booking opens nothing
 * else, and a convention issued again makes the old links void.
 */
export class ConventionLinks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly secret: string,
  ) {}

  /** The link's path under the booking API (`/api/booking` through the gateway), or undefined before issue. */
  async pathFor(bookingId: string, now = new Date()): Promise<string | undefined> {
    const key = await this.storageKey(bookingId);
    if (!key) return undefined;
    const { expires, signature } = signDownload(
      key,
      new Date(now.getTime() + CONVENTION_LINK_LIFETIME_MS),
      this.secret,
    );
    return `/downloads/conventions/${bookingId}?${new URLSearchParams({ expires: String(expires), signature })}`;
  }

  /** The stored PDF, when the link is the service's, unexpired and for this booking's convention. */
  async download(bookingId: string, link: SignedLinkQuery, now = new Date()): Promise<Uint8Array> {
    const key = await this.storageKey(bookingId);
    // An unknown booking and a wrong signature answer alike, so a link tells nothing about other bookings.
    const check = key ? checkDownload(key, link, this.secret, now) : 'invalid';
    if (check === 'invalid' || !key) throw downloadLinkInvalid();
    if (check === 'expired') throw downloadLinkExpired();
    const stored = await this.store.get(key);
    if (!stored) throw conventionNotIssued();
    return stored.body;
  }

  private async storageKey(bookingId: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT c.storage_key FROM booking.booking b
       JOIN booking.convention c ON (b.series_id IS NOT NULL AND c.series_id = b.series_id)
                                 OR (b.series_id IS NULL AND c.booking_id = b.id)
       WHERE b.id = $1`,
      [bookingId],
    )) as { storage_key: string }[];
    return row?.storage_key;
  }
}
