import { simpleParser } from 'mailparser';
import { buildMimeMessage, encodedFrom, isPlainAddress, quotedPrintableBody, type MimeMessage } from './mime-message';

const message = (overrides: Partial<MimeMessage> = {}): MimeMessage => ({
  from: encodedFrom('Département de l’Isère <ne-pas-repondre@example.test>'),
  to: 'angela.dubois@example.test',
  messageId: '0f9b1c2e-1111-4222-8333-944445555666@example.test',
  subject: 'Demande de réservation reçue\u00a0: salle polyvalente, mardi 3 mars',
  text: `Bonjour,\n\nLa demande de l’association « Les Amis du Vercors » a été reçue.${' Très long paragraphe.'.repeat(12)}\nMontant\u00a0: 45,00\u00a0€ \n.Une ligne qui commence par un point\n`,
  html: '<p style="margin:0 0 16px">Créneau\u00a0: mardi 3 mars de 19\u00a0h à 21\u00a0h</p>\n<a href="https://example.test/r?a=1&amp;b=2">Voir</a>',
  date: new Date('2026-03-03T18:00:00Z'),
  headers: [
    ['Auto-Submitted', 'auto-generated'],
    ['List-Unsubscribe', `<https://example.test/desabonnement/${'x'.repeat(120)}>`],
  ],
  ...overrides,
});

describe('a message built in memory', () => {
  it('reads back, as a mail client parses it, exactly as it was written', async () => {
    const written = message();
    const raw = buildMimeMessage(written);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(written.subject);
    expect(parsed.text).toBe(written.text);
    expect(parsed.html).toBe(written.html);
    expect(parsed.messageId).toBe(`<${written.messageId}>`);
    expect(parsed.date?.toISOString()).toBe('2026-03-03T18:00:00.000Z');
    expect(parsed.from?.value).toEqual([{ name: 'Département de l’Isère', address: 'ne-pas-repondre@example.test' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'angela.dubois@example.test' }] });
    // Kept on one line (a folded List-Unsubscribe has failed DKIM checks).
    const head = raw.toString('latin1', 0, raw.indexOf('\r\n\r\n'));
    expect(head).toContain(`\r\nList-Unsubscribe: <https://example.test/desabonnement/${'x'.repeat(120)}>\r\n`);
    expect(head).toContain('\r\nAuto-Submitted: auto-generated\r\n');
  });

  it('keeps every line within 76 characters, with CRLF endings, and its boundary out of the parts', () => {
    const raw = buildMimeMessage(message()).toString('latin1');
    const lines = raw.split('\r\n');
    const head = lines.slice(0, lines.indexOf(''));
    // Only the prepared List-Unsubscribe header may be longer (see above).
    expect(lines.filter((line) => line.length > 76 && !line.startsWith('List-Unsubscribe:'))).toEqual([]);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const boundary = /boundary="([^"]+)"/.exec(head.join('\n'))?.[1] ?? '';
    // Named in the header, then only as the two parts' delimiters and the closing one.
    expect(raw.split(boundary)).toHaveLength(5);
    expect(lines.filter((line) => line.startsWith(`--${boundary}`))).toEqual([
      `--${boundary}`,
      `--${boundary}`,
      `--${boundary}--`,
    ]);
  });

  it('is built from its own message only: another id, recipient or content gives another message', async () => {
    const first = await simpleParser(buildMimeMessage(message()));
    const second = await simpleParser(
      buildMimeMessage(message({ messageId: 'another@example.test', to: 'bruno.martin@example.test' })),
    );
    expect([first.messageId, second.messageId]).toEqual([
      '<0f9b1c2e-1111-4222-8333-944445555666@example.test>',
      '<another@example.test>',
    ]);
    expect(second.to).toMatchObject({ value: [{ address: 'bruno.martin@example.test' }] });
  });

  it('wraps quoted-printable without splitting an escape', () => {
    const body = quotedPrintableBody('é'.repeat(100));
    for (const line of body.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line.replace(/=$/, '')).toMatch(/^(=[0-9A-F]{2})*$/);
    }
    expect(quotedPrintableBody('fin de ligne \nsuite')).toBe('fin de ligne=20\r\nsuite');
  });

  it('writes plain addresses as they are and leaves the others to nodemailer', () => {
    expect(isPlainAddress('angela.dubois+test@example.test')).toBe(true);
    expect(isPlainAddress('anaïs@example.test')).toBe(false);
    expect(isPlainAddress('Angela <angela@example.test>')).toBe(false);
    expect(encodedFrom('Salle sur demande <ne-pas-repondre@example.test>')).toBe(
      'Salle sur demande <ne-pas-repondre@example.test>',
    );
    expect(encodedFrom('Salle, Isère <a@example.test>')).toMatch(/^=\?UTF-8\?Q\?.+\?= <a@example\.test>$/);
    expect(encodedFrom('Salle, Isere <a@example.test>')).toBe('"Salle, Isere" <a@example.test>');
    expect(encodedFrom('a@example.test')).toBe('a@example.test');
  });
});
