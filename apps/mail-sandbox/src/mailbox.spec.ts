import { Mailbox } from './mailbox';

/** A message as a client writes it over SMTP (after DATA). */
function raw(messageId: string, subject: string, extraHeaders = ''): Buffer {
  return Buffer.from(
    [
      'From: Salle sur demande <ne-pas-repondre@example.test>',
      'To: angela.dubois@example.test',
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      ...(extraHeaders ? [extraHeaders] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Montant\u00a0: 45,00 €',
      '',
    ].join('\r\n'),
  );
}

const envelope = (to: string) => ({ from: 'ne-pas-repondre@example.test', to: [to] });

describe('mailbox', () => {
  it('keeps messages as received and reads them as a mail client would when asked', async () => {
    const mailbox = new Mailbox(10);
    const kept = mailbox.add(
      envelope('angela.dubois@example.test'),
      raw('<a@example.test>', 'Demande reçue', 'List-Unsubscribe:\r\n <https://example.test/u/abc>'),
    );
    expect(kept.raw.toString('utf8')).toContain('Subject: Demande reçue');
    const [message] = await mailbox.list({ to: 'ANGELA.DUBOIS@example.test' });
    expect(message).toMatchObject({
      id: kept.id,
      envelope: envelope('angela.dubois@example.test'),
      messageId: '<a@example.test>',
      from: '"Salle sur demande" <ne-pas-repondre@example.test>',
      to: ['angela.dubois@example.test'],
      subject: 'Demande reçue',
      text: 'Montant\u00a0: 45,00 €\n',
      html: null,
    });
    expect(message?.headers['list-unsubscribe']).toBe('<https://example.test/u/abc>');
    expect(await mailbox.get(kept.id)).toBe(message);
    expect(await mailbox.list({ to: 'someone.else@example.test' })).toEqual([]);
  });

  it('counts distinct Message-IDs from the headers alone, folded ones included', () => {
    const mailbox = new Mailbox(10);
    mailbox.add(envelope('a@example.test'), raw('<one@example.test>', 'Un'));
    mailbox.add(envelope('b@example.test'), raw('<two@example.test>', 'Deux'));
    mailbox.add(envelope('a@example.test'), raw('<one@example.test>', 'Un, encore'));
    expect(mailbox.size).toBe(3);
    expect(mailbox.distinctMessageIds()).toBe(2);
    const folded = raw('<one@example.test>', 'Plié').toString('utf8').replace('Message-ID: ', 'Message-ID:\r\n ');
    mailbox.add(envelope('c@example.test'), Buffer.from(folded));
    expect(mailbox.distinctMessageIds()).toBe(2);
    // A header in the body is not the message's.
    mailbox.add(
      envelope('c@example.test'),
      Buffer.from('Subject: sans identifiant\r\n\r\nMessage-ID: <body@example.test>\r\n'),
    );
    expect(mailbox.distinctMessageIds()).toBe(3);
  });

  it('keeps the latest messages up to its capacity, newest first', async () => {
    const mailbox = new Mailbox(2);
    for (const n of [1, 2, 3]) mailbox.add(envelope('a@example.test'), raw(`<${n}@example.test>`, `Message ${n}`));
    expect((await mailbox.list()).map((message) => message.subject)).toEqual(['Message 3', 'Message 2']);
    mailbox.clear();
    expect(mailbox.size).toBe(0);
  });
});
