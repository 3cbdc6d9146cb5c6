import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { BookingMessageView, PostMessageAttachmentQuery } from '@salle/contracts';
import { objectKey, type ObjectStore } from '@salle/storage';
import type { Access } from '../access/access';
import { checkCertificateFile } from '../documents/certificate-file';
import { refusalError } from '../documents/insurance-certificates';
import { messageAttachmentNotFound } from '../errors';
import { party, type ConversationDesk } from './conversation-desk';
import { THREAD_OF } from './message-rows';

/**
 * Files in a conversation: checked whole like an insurance certificate (type from the bytes, images re-encoded,
 * PDFs opened), kept in the object store and served to the booking's parties only.
 */
export class MessageAttachments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    private readonly conversations: ConversationDesk,
  ) {}

  async post(
    bookingId: string,
    query: PostMessageAttachmentQuery,
    bytes: Uint8Array,
    access: Access,
  ): Promise<BookingMessageView> {
    // Visitors and strangers are refused before their file is even opened.
    access.requireCaller();
    await party(this.dataSource.manager, bookingId, access);
    const file = await checkCertificateFile(bytes, query.fileName);
    if (!file.ok) throw refusalError(file.refusal);
    const messageId = randomUUID();
    const storageKey = objectKey('messages', bookingId, messageId);
    await this.store.put(storageKey, file.bytes, file.contentType);
    try {
      return await this.conversations.post(bookingId, query.body ?? '', access, {
        messageId,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
        storageKey,
      });
    } catch (error) {
      // Nothing recorded points at the file: remove it rather than keep an orphan.
      await this.store.delete(storageKey);
      throw error;
    }
  }

  async file(bookingId: string, messageId: string, access: Access) {
    const { booking } = await party(this.dataSource.manager, bookingId, access);
    const [attachment] = (await this.dataSource.query(
      `SELECT a.file_name AS "fileName", a.content_type AS "contentType", a.storage_key AS "storageKey"
         FROM booking.booking_message m JOIN booking.booking_message_attachment a ON a.message_id = m.id
        WHERE ${THREAD_OF} AND m.id = $3`,
      [bookingId, booking.seriesId, messageId],
    )) as { fileName: string; contentType: string; storageKey: string }[];
    if (!attachment) throw messageAttachmentNotFound();
    const stored = await this.store.get(attachment.storageKey);
    if (!stored) throw messageAttachmentNotFound();
    return { bytes: stored.body, contentType: attachment.contentType, fileName: attachment.fileName };
  }
}
