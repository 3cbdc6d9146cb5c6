import { invitationTokenSchema } from '@salle/contracts';

/**
 * Where the page keeps the secret across the FranceConnect round trip (this tab only): declared on the cookie page
 * (BROWSER_STORAGE_REGISTER).
 */
export const INVITATION_STORAGE_KEY = 'salle:invitation';

/**
 * The link an owner sends. The secret sits in the fragment, which browsers
 * never send to a server: no gateway or proxy log can keep it.
 */
export function invitationLink(token: string, origin: string = window.location.origin): string {
  return `${origin}/rejoindre#${token}`;
}

/** The secret of a link's fragment (`#...`), or null when there is none or it cannot be one. */
export function invitationTokenFrom(hash: string): string | null {
  let token: string;
  try {
    token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return null;
  }
  return invitationTokenSchema.safeParse(token).success ? token : null;
}
