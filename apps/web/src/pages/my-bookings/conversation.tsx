import { INSURANCE_CERTIFICATE_MAX_BYTES, frenchFileSize, type BookingMessageView } from '@salle/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { bookingApi } from '../../api/booking-api';
import { followUpApi } from '../../api/follow-up-api';
import { TextAreaField, TextField } from '../../components/form-fields';
import { ACCEPT, KINDS } from '../../components/insurance-certificate';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../components/use-action';
import { useAsync } from '../../components/use-async';
import { sentence } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/paris-time';
import { Button } from '../../ui';

const AUTHORS: Record<BookingMessageView['authorRole'], string> = {
  organisation_member: 'l’organisation',
  establishment_manager: 'le collège',
  department_admin: 'le département',
};

/**
 * The booking's conversation between the organisation and the collège:
 * the thread (new messages marked), a plain-text answer; opening it marks
 * it read for the reader.
 */
export function Conversation({ bookingId, withWhom }: { bookingId: string; withWhom: string }) {
  const thread = useAsync((signal) => bookingApi.conversation(bookingId, { signal }), [bookingId]);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // Cleared after each message by changing its key: a file input cannot be emptied from its value.
  const [fileKey, setFileKey] = useState(0);
  const { busy, error, run } = useAction();
  const unread = thread.data?.unread ?? 0;
  const lastReadAt = thread.data?.lastReadAt ?? null;

  useEffect(() => {
    // Shown, so read: the lists' unread markers go once the reader has seen the thread.
    if (unread > 0) void bookingApi.markConversationRead(bookingId).catch(() => undefined);
  }, [bookingId, unread]);

  const send = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      if (file) await followUpApi.postMessageAttachment(bookingId, file, text);
      else await bookingApi.postMessage(bookingId, text);
      setText('');
      setFile(null);
      setFileKey((key) => key + 1);
      thread.reload();
    });
  };
  const isNew = (message: BookingMessageView) =>
    !message.mine && (lastReadAt === null || message.createdAt > lastReadAt);

  return (
    <section aria-labelledby="conversation-titre" className="salle-mt-4w">
      <h2 id="conversation-titre" className="salle-h4">
        Échanges avec {withWhom}
      </h2>
      {thread.loading && !thread.data && <Loading label="Chargement des échanges…" />}
      <ProblemAlert error={thread.error} focus={false} />
      {thread.data && thread.data.items.length === 0 && <p>Aucun échange pour l’instant.</p>}
      {thread.data && thread.data.items.length > 0 && (
        <ol aria-label="Messages, du plus ancien au plus récent">
          {thread.data.items.map((message) => (
            <li key={message.id} className="salle-panel salle-mb-1w">
              <p className="salle-text--sm salle-mb-1v">
                {message.mine ? 'Vous' : (message.authorName ?? 'Compte supprimé')}, pour {AUTHORS[message.authorRole]},
                le {formatDateTime(message.createdAt)}
                {isNew(message) && <strong> · nouveau</strong>}
              </p>
              {message.seriesId && <p className="salle-text--sm salle-mb-1v">Message pour toute la série</p>}
              {message.body && <p className="salle-mb-0 salle-prewrap">{message.body}</p>}
              {message.attachment && (
                <p className="salle-mb-0">
                  <a
                    href={followUpApi.messageAttachmentUrl(bookingId, message.id)}
                    download={message.attachment.fileName}
                  >
                    Télécharger {message.attachment.fileName}
                  </a>{' '}
                  ({frenchFileSize(message.attachment.sizeBytes)})
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <form id="conversation" noValidate onSubmit={send}>
        <ProblemAlert error={error} form={{ id: 'conversation', fields: { body: 'Votre message' } }} />
        <TextAreaField
          formId="conversation"
          name="body"
          label="Votre message"
          hint="Texte simple, lu par l’autre partie dans cette page"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={error?.fieldErrors[0] ? sentence(error.fieldErrors[0].message) : undefined}
        />
        <TextField
          key={fileKey}
          formId="conversation"
          name="file"
          label="Joindre un fichier (facultatif)"
          hint={`${KINDS}, ${frenchFileSize(INSURANCE_CERTIFICATE_MAX_BYTES)} au plus.`}
          type="file"
          accept={ACCEPT}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Envoi…' : 'Envoyer'}
        </Button>
      </form>
    </section>
  );
}
