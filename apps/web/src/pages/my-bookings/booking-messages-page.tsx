import { bookingMessages } from '../../api/notification-api';
import type { PageProps } from '../../app/routes';
import { Link } from '../../app/router';
import { Loading } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { useAsync } from '../../components/use-async';
import { MESSAGE_COLUMNS, MESSAGE_STATUS_LABELS } from '../../lib/message-labels';
import { formatDateTime } from '../../lib/paris-time';
import { ResponsiveTable } from '../../ui';

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
        <ResponsiveTable
          caption="Messages envoyés au sujet de la réservation"
          captionHidden
          rows={items}
          rowKey={(message) => message.id}
          columns={[
            ...MESSAGE_COLUMNS,
            { header: 'État', cell: (message) => MESSAGE_STATUS_LABELS[message.status] },
            { header: 'Date', cell: (message) => formatDateTime(message.at) },
          ]}
        />
      )}
    </>
  );
}
