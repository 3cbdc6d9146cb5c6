import { invitationLink, invitationTokenFrom } from './invitation-link';

describe('invitation links', () => {
  const token = 'Ab3_-'.repeat(8) + 'xyz';

  it('carry the secret in the fragment, which is read back as sent', () => {
    const link = invitationLink(token, 'https://salles.isere.fr');
    expect(link).toBe(`https://salles.isere.fr/rejoindre#${token}`);
    expect(new URL(link).pathname).toBe('/rejoindre');
    expect(invitationTokenFrom(new URL(link).hash)).toBe(token);
  });

  it('ignore fragments that cannot be a secret', () => {
    expect(invitationTokenFrom('')).toBeNull();
    expect(invitationTokenFrom('#')).toBeNull();
    expect(invitationTokenFrom(`#${token.slice(1)}`)).toBeNull();
    expect(invitationTokenFrom('#contenu')).toBeNull();
    expect(invitationTokenFrom('#%E0%A4%A')).toBeNull();
  });
});
