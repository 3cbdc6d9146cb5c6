import { bookingMessages } from '../../api/notification-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { CHANNEL_LABELS, MESSAGE_STATUS_LABELS } from '../../lib/message-labels';
import { formatDateTime } from '../../lib/paris-time';

/** The messages sent about one booking, for its organisation, its collège's managers and the département's admins. */
export function BookingMessagesPage({ params }: PageProps) {
  const bookingId = params['bookingId'] ?? '';
  const messages = useAsync((signal) => bookingMessages(bookingId, { signal }), [bookingId]);
  const items = messages.data?.items ?? [];
  return (
    <>
      <p>
        <Link href={`/reservations/${bookingId}`}>Retour à la réservation</Link>
      </p>
      <h1>Messages envoyés</h1>
      <p>
        Les courriels envoyés au sujet de cette réservation, à l’organisation et au collège. Les adresses sont
        partiellement masquées.
      </p>
      {messages.loading && <Loading label="Chargement des messages…" />}
      <ProblemAlert error={messages.error} />
      {messages.data && items.length === 0 && <p role="status">Aucun message pour cette réservation.</p>}
      {items.length > 0 && (
        <div className="salle-table salle-table-scroll">
          <table>
            <caption className="salle-sr-only">Messages envoyés au sujet de la réservation</caption>
            <thead>
              <tr>
                <th scope="col">Objet</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Canal</th>
                <th scope="col">État</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {items.map((message) => (
                <tr key={message.id}>
                  <th scope="row">{message.subject ?? message.kind}</th>
                  <td>{message.recipient}</td>
                  <td>{CHANNEL_LABELS[message.channel]}</td>
                  <td>{MESSAGE_STATUS_LABELS[message.status]}</td>
                  <td>{formatDateTime(message.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
