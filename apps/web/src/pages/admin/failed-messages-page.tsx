import { failedMessages } from '../../api/notification-api';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { CHANNEL_LABELS } from '../../lib/message-labels';
import { formatDateTime } from '../../lib/paris-time';

/** The messages that reached nobody, with the reason, for the département's admins to act on. */
export function FailedMessagesPage() {
  const failed = useAsync((signal) => failedMessages({ signal }), []);
  const items = failed.data?.items ?? [];
  return (
    <>
      <h1>Messages non remis</h1>
      <p>
        Les courriels abandonnés après plusieurs essais ou refusés par le serveur de messagerie, les plus récents
        d’abord. La raison indique s’il faut corriger une adresse ou vérifier le serveur d’envoi.
      </p>
      {failed.loading && <Loading label="Chargement des messages…" />}
      <ProblemAlert error={failed.error} />
      {failed.data && (
        <p role="status">
          {items.length === 0
            ? 'Aucun message non remis.'
            : `${items.length} message${items.length > 1 ? 's' : ''} non remis.`}
        </p>
      )}
      {items.length > 0 && (
        <div className="salle-table salle-table-scroll">
          <table>
            <caption className="salle-sr-only">Messages non remis</caption>
            <thead>
              <tr>
                <th scope="col">Objet</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Canal</th>
                <th scope="col">Abandonné le</th>
                <th scope="col">Essais</th>
                <th scope="col">Raison</th>
                <th scope="col">Réservation</th>
              </tr>
            </thead>
            <tbody>
              {items.map((message) => (
                <tr key={message.id}>
                  <th scope="row">{message.subject ?? message.kind}</th>
                  <td>{message.recipient}</td>
                  <td>{CHANNEL_LABELS[message.channel]}</td>
                  <td>{formatDateTime(message.at)}</td>
                  <td>{message.attempts}</td>
                  <td>{message.reason ?? '—'}</td>
                  <td>{message.bookingId ? <Link href={`/reservations/${message.bookingId}`}>Voir</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
