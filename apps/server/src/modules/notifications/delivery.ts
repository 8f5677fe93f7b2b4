import type { AppContext } from '../../platform/context';
import { retryDelayMs } from '../../platform/events';
import type { Channel, DeliveryPayload } from './channels';
import { type DeliveryRow, claimDue, finishClaim } from './outbox.repository';
import { inQuietHours, smsSendableAt } from './quiet-hours';

/**
 * One run of the 'notifications.deliver' job: claim due deliveries (a lease, safe across processes), send each on
 * its channel, and record the outcome — sent, or the next try after an exponential back-off (retryDelayMs: 5 s,
 * 10 s, 20 s … up to an hour), dead after `maxAttempts`. A text that comes due in quiet hours goes back to wait for
 * 08:00 without counting as an attempt. Returns how many it handled.
 */
export async function deliverDue(
  ctx: AppContext,
  channels: Partial<Record<'sms' | 'webhook', Channel>>,
  limit = 20,
): Promise<number> {
  const { maxAttempts, leaseMs } = ctx.config.notifications;
  const now = ctx.clock.now();
  const claimed = await claimDue(ctx.db, now, new Date(now.getTime() + leaseMs), limit);
  for (const row of claimed) {
    if (row.channel === 'sms' && !row.urgent && inQuietHours(ctx.clock.now())) {
      await finishClaim(ctx.db, row, {
        status: 'pending',
        attempts: row.attempts - 1,
        nextAttemptAt: smsSendableAt(ctx.clock.now(), false),
      });
      continue;
    }
    await deliverOne(ctx, channels[row.channel], row, maxAttempts);
  }
  return claimed.length;
}

async function deliverOne(
  ctx: AppContext,
  channel: Channel | undefined,
  row: DeliveryRow,
  maxAttempts: number,
): Promise<void> {
  try {
    if (!channel) throw new Error(`${row.channel} channel is not configured`);
    const payload = JSON.parse(ctx.cipher.decrypt(row.payloadEnc)) as DeliveryPayload;
    await channel.send({
      deliveryId: row.id,
      recipient: ctx.cipher.decrypt(row.recipientEnc),
      payload,
      now: ctx.clock.now(),
    });
    await finishClaim(ctx.db, row, { status: 'sent', sentAt: ctx.clock.now(), lastError: null });
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 300) : 'failed';
    const dead = row.attempts >= maxAttempts;
    ctx.log.warn({ deliveryId: row.id, channel: row.channel, attempts: row.attempts, dead }, 'delivery failed');
    await finishClaim(ctx.db, row, {
      status: dead ? 'dead' : 'pending',
      lastError: message,
      nextAttemptAt: new Date(ctx.clock.now().getTime() + retryDelayMs(row.attempts)),
    });
  }
}
