import type { ListedMessageStatus, NotificationChannel, SentMessage } from '@salle/contracts';

/** Where a message stands, as people read it. */
export const MESSAGE_STATUS_LABELS: Record<ListedMessageStatus, string> = {
  pending: 'En attente d’envoi',
  sending: 'En cours d’envoi',
  sent: 'Envoyé',
  delivered: 'Remis',
  failed: 'Non remis',
};

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  email: 'Courriel',
  sms: 'SMS',
};

/** The first columns of every list of messages: what, to whom, by which channel (`ResponsiveTable` columns). */
export const MESSAGE_COLUMNS = [
  { header: 'Objet', cell: (message: SentMessage) => message.subject ?? message.kind },
  { header: 'Destinataire', cell: (message: SentMessage) => message.recipient },
  { header: 'Canal', cell: (message: SentMessage) => CHANNEL_LABELS[message.channel] },
] as const;
