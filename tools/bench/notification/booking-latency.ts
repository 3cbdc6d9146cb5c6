// Booking request latency beside the notification load: the Isère stack
// (tools/bench/isere-stack: identity sandbox, booking service, gateway, on a
// scratch database of its own) answering `POST /bookings` directly, as
// FranceConnect's test identity acting for an association of its own, on
// distinct free slots. The requests are sequential and paced (one every
// SAMPLE_INTERVAL_MS at most), so that the sampling itself adds little load;
// the same sampler runs on its own just before a notification run and during
// it, and the two are printed side by side.
import { Client } from 'pg';
import { createTokenIssuer, type Caller } from '@salle/auth';
import {
  franceconnectLogin,
  freeSlots,
  giveAssociation,
  percentile,
  startIsereStack,
  type Slot,
} from '../isere-stack/stack';

const SAMPLE_INTERVAL_MS = 100;

export interface BookingSample {
  /** Times of the accepted (201) requests, in milliseconds. */
  times: number[];
  /** Any other answer, by status. */
  refused: Map<number, number>;
}

export interface BookingProbe {
  /** Sequential requests until `until` resolves (or the slots run out). */
  sample(until: Promise<unknown>): Promise<BookingSample>;
  stop(): Promise<void>;
}

export function describeSample(sample: BookingSample): string {
  const refused = [...sample.refused].map(([status, count]) => `${count}×${status}`).join(', ');
  const p = (q: number) => percentile(sample.times, q).toFixed(1);
  return `p50 ${p(50)} ms, p90 ${p(90)} ms, p99 ${p(99)} ms (${sample.times.length} accepted${refused ? `, refused ${refused}` : ''})`;
}

/**
 * The latency alone, sampled twice back to back: their union is the reference, and how far apart the two are is
 * the sampler's own spread, which a difference during the load must exceed to be told from chance.
 */
export interface AloneSamples {
  first: BookingSample;
  second: BookingSample;
}

/** Below this, a difference is the timer's and the scheduler's grain, whatever the spread: 0.5 ms at p50, 1 at p90. */
const FLOOR_MS = { 50: 0.5, 90: 1 } as const;

/** The two samples alone as one: their times, and their refusals added up by status. */
export function joined({ first, second }: AloneSamples): BookingSample {
  const refused = new Map(first.refused);
  for (const [status, count] of second.refused) refused.set(status, (refused.get(status) ?? 0) + count);
  return { times: [...first.times, ...second.times], refused };
}

/** How far above the latency alone a sample may be at percentile `q` and still be told from chance. */
function allowance(alone: AloneSamples, q: 50 | 90): number {
  const spread = Math.abs(percentile(alone.first.times, q) - percentile(alone.second.times, q));
  return Math.max(spread, FLOOR_MS[q]);
}

/** How far above the latency alone `sample` is at percentile `q`, in milliseconds. */
export function riseAbove(alone: AloneSamples, sample: BookingSample, q: 50 | 90): number {
  return percentile(sample.times, q) - percentile(joined(alone).times, q);
}

/**
 * Whether the booking latency during the load is "unchanged": at the median and the 90th percentile, no higher
 * above the latency alone than the two samples alone are from each other (or than the floor). The 99th percentile
 * rests on a handful of requests and is printed, not judged.
 */
export function latencyUnchanged(alone: AloneSamples, during: BookingSample): boolean {
  return ([50, 90] as const).every((q) => riseAbove(alone, during, q) <= allowance(alone, q));
}

/**
 * Whether the rise during the load is no more than the machine's floor measured in the same run: at the median
 * and the 90th percentile, no higher above the latency alone than beside busy loops at the lowest priority there
 * is (`beside`), work that a perfectly shared machine would never let delay a request (or than chance allows).
 */
export function withinMachineFloor(alone: AloneSamples, during: BookingSample, beside: BookingSample): boolean {
  return ([50, 90] as const).every(
    (q) => riseAbove(alone, during, q) <= Math.max(riseAbove(alone, beside, q), allowance(alone, q)),
  );
}

/** Starts the Isère stack and readies `slotCount` free slots for an association of the test identity. */
export async function startBookingProbe(slotCount: number): Promise<BookingProbe> {
  const stack = await startIsereStack('notification_booking');
  try {
    const browser = await franceconnectLogin(stack.gatewayUrl);
    const me = (await (await browser.request(`${stack.gatewayUrl}/api/me`)).json()) as {
      account: { id: string; displayName: string };
    };
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const { organisationId, slots } = await (async () => {
      try {
        return {
          organisationId: await giveAssociation(client, me.account.id),
          slots: await freeSlots(client, slotCount),
        };
      } finally {
        await client.end();
      }
    })();
    const caller: Caller = {
      accountId: me.account.id,
      provider: 'franceconnect',
      displayName: me.account.displayName,
      roles: [],
    };
    const issuer = await createTokenIssuer(stack.signingKey);
    const post = async (slot: Slot): Promise<{ status: number; elapsed: number }> => {
      // A fresh token each time: minting is the bench's work, outside the timed request.
      const token = await issuer.mint(caller, 'booking');
      const started = performance.now();
      const response = await fetch(`${stack.bookingUrl}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...slot, organisationId, purpose: 'Répétition de la chorale' }),
      });
      await response.arrayBuffer();
      return { status: response.status, elapsed: performance.now() - started };
    };
    // Warm-up: the first requests compile and connect.
    for (let i = 0; i < 10; i++) {
      const slot = slots.pop();
      if (slot) await post(slot);
    }
    return {
      async sample(until) {
        let done = false;
        void until.finally(() => (done = true));
        const sample: BookingSample = { times: [], refused: new Map() };
        while (!done) {
          const slot = slots.pop();
          if (!slot) break;
          const paced = new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
          const { status, elapsed } = await post(slot);
          if (status === 201) sample.times.push(elapsed);
          else sample.refused.set(status, (sample.refused.get(status) ?? 0) + 1);
          await paced;
        }
        return sample;
      },
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
