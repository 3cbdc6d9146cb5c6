import { createRedis } from '@salle/redis';
import { createLogger } from '@salle/runtime';
import { testRedisUrl, uniqueKeyPrefix } from '@salle/testing';
import { WakeChannel } from '../src/delivery/wake-channel';
import { NotificationTestKit } from './notification-test-kit';

describe('a message logged on one replica wakes the sender of another (Redis pub/sub)', () => {
  let kit: NotificationTestKit;
  beforeAll(async () => {
    kit = await NotificationTestKit.start('notif-wake', { env: { NOTIFICATION_SEND_LEASE_MS: '60000' } });
  }, 60_000);
  afterAll(() => kit?.stop());

  const requested = async (tag: string) => (await kit.requestForNewMember(tag)).member;

  it('is sent by the replica that logged it when its sender has room, without waking the others', async () => {
    const parts = kit.parts;
    if (!parts) throw new Error('kit not started');
    const logger = createLogger({ service: 'replica-b', level: 'silent' });
    const redis = createRedis({ url: testRedisUrl(), keyPrefix: uniqueKeyPrefix('replica-b') });
    let wokenB = 0;
    const wakeB = await new WakeChannel(redis, parts.wake.channel, () => wokenB++, logger).start();
    try {
      const member = await requested('alone');
      const [message] = await kit.messagesTo(member, 1, 15_000);
      expect(message?.envelope.to).toEqual([member]);
      // Published wake-ups would have reached B by now: its subscription is older than the event.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(wokenB).toBe(0);
    } finally {
      await wakeB.stop();
      redis.disconnect();
    }
  });

  it('is sent at once by the other replica while the first one’s sender is stopped, not at its next poll', async () => {
    const parts = kit.parts;
    if (!parts || !kit.booking || !kit.smtp) throw new Error('kit not started');
    // Replica A keeps consuming events but its sender is stopped (busy elsewhere, or shutting down).
    await parts.delivery.stop();
    // Replica B: a sender that would poll only once a minute, woken through the channel.
    const logger = createLogger({ service: 'replica-b', level: 'silent' });
    const redis = createRedis({ url: testRedisUrl(), keyPrefix: uniqueKeyPrefix('replica-b') });
    const senderB = kit
      .replicaSender('Replica B <b@example.test>', { pollMs: 60_000, batchSize: 8, maxConnections: 2 }, logger)
      .start();
    const wakeB = await new WakeChannel(redis, parts.wake.channel, () => senderB.wake(), logger).start();
    try {
      // B's start-up claim found nothing; the next poll is a minute away.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const published = Date.now();
      const member = await requested('wake');
      const [message] = await kit.messagesTo(member, 1, 15_000);
      // Sent by B (its own sender address), well before B's poll would have found it.
      expect(message?.envelope.from).toBe('b@example.test');
      expect(Date.now() - published).toBeLessThan(15_000);
    } finally {
      await wakeB.stop();
      await senderB.stop();
      redis.disconnect();
    }
  });
});
