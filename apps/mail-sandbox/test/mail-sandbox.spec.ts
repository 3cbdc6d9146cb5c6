import nodemailer from 'nodemailer';
import { startMailSandbox, type MailSandbox, type CaughtMessage } from '../src';

describe('mail sandbox', () => {
  let sandbox: MailSandbox;
  beforeAll(async () => {
    sandbox = await startMailSandbox({ port: 0, smtpPort: 0 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.mailbox.clear());

  const send = async (to: string, subject = 'Votre demande est acceptée') => {
    const transport = nodemailer.createTransport({ url: sandbox.smtpUrl });
    try {
      return await transport.sendMail({
        from: 'Salle sur demande <ne-pas-repondre@example.test>',
        to,
        subject,
        text: 'Montant : 45,00 €',
        html: '<p>Montant : 45,00 €</p>',
        headers: { 'List-Unsubscribe': '<https://example.test/u/abc>' },
      });
    } finally {
      transport.close();
    }
  };

  it('receives a message over real SMTP and serves it, parsed, through its JSON API and web inbox', async () => {
    await send('angela.dubois@example.test');
    const answer = await fetch(`${sandbox.url}/api/messages?to=ANGELA.DUBOIS@example.test`);
    const { items } = (await answer.json()) as { items: CaughtMessage[] };
    expect(items).toHaveLength(1);
    const [message] = items;
    expect(message).toMatchObject({
      envelope: { from: 'ne-pas-repondre@example.test', to: ['angela.dubois@example.test'] },
      subject: 'Votre demande est acceptée',
      text: 'Montant : 45,00 €',
      html: '<p>Montant : 45,00 €</p>',
    });
    expect(message?.headers['list-unsubscribe']).toContain('https://example.test/u/abc');
    const page = await (await fetch(sandbox.url)).text();
    expect(page).toContain('Bac à sable');
    expect(page).toContain('Votre demande est acceptée');
    const single = await (await fetch(`${sandbox.url}/messages/${message?.id ?? ''}`)).text();
    expect(single).toContain('Montant : 45,00 €');
    expect(
      (await fetch(`${sandbox.url}/api/messages?to=someone.else@example.test`).then((r) => r.json())) as unknown,
    ).toEqual({ items: [] });
    expect(await fetch(`${sandbox.url}/api/messages/count`).then((r) => r.json())).toEqual({
      count: 1,
      distinctMessageIds: 1,
    });
  });

  it('refuses messages with the reply code a test asks for, then accepts again', async () => {
    await fetch(`${sandbox.url}/api/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectWith: 451 }),
    });
    await expect(send('refused@example.test')).rejects.toMatchObject({ responseCode: 451 });
    await fetch(`${sandbox.url}/api/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectWith: null }),
    });
    await send('refused@example.test');
    expect(await sandbox.mailbox.list({ to: 'refused@example.test' })).toHaveLength(1);
  });

  it('answers an unknown message with a French problem, not a stack trace', async () => {
    const answer = await fetch(`${sandbox.url}/api/messages/nope`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(await answer.json()).toMatchObject({
      code: 'not_found',
      title: 'Ce courriel du bac à sable est introuvable.',
    });
  });
});
