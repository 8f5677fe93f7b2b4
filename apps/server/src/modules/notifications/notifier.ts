import { randomUUID } from 'node:crypto';
import type { NotificationChannel } from '@linli/contracts/modules/notifications';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import type { NotificationInput, Notifier, SmsInput } from '../../platform/notify';
import { findUserById } from '../users';
import type { DeliveryPayload } from './channels';
import { insertNotifications, preferencesOf } from './inbox.repository';
import { type DeliveryInsert, insertDeliveries } from './outbox.repository';
import { smsSendableAt } from './quiet-hours';

/**
 * The notifier the module installs as `ctx.notifier`: in the caller's transaction, one inbox row per recipient, then
 * one outbox row per external channel the recipient chose for the event (SMS only to an account with a phone,
 * webhook only when configured). Recipient and message are encrypted; a non-urgent text in quiet hours is due at
 * 08:00. The delivery job (delivery.ts) sends them after commit.
 */
export class OutboxNotifier implements Notifier {
  constructor(private readonly ctx: AppContext) {}

  /** The channels this server can deliver on. */
  available(): Record<NotificationChannel, boolean> {
    return { sms: this.ctx.config.notifications.sms !== null, webhook: this.ctx.config.notifications.webhook !== null };
  }

  async notify(tx: DbOrTx, input: NotificationInput): Promise<void> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return;
    const now = this.ctx.clock.now();
    const params = input.params ?? {};
    const inbox = userIds.map((userId) => ({
      id: randomUUID(),
      userId,
      areaCode: input.areaCode,
      event: input.event,
      objectType: input.objectType ?? null,
      objectId: input.objectId ?? null,
      link: input.link ?? null,
      params,
      urgent: input.urgent ?? false,
      createdAt: now,
    }));
    await insertNotifications(tx, inbox);
    const chosen = await preferencesOf(tx, userIds, [input.event]);
    const deliveries: DeliveryInsert[] = [];
    for (const note of inbox) {
      const channels = (chosen.find((p) => p.userId === note.userId)?.channels ?? []) as NotificationChannel[];
      const payload: DeliveryPayload = {
        kind: input.event,
        params,
        notificationId: note.id,
        event: input.event,
        userId: note.userId,
        areaCode: input.areaCode,
        objectType: note.objectType,
        objectId: note.objectId,
        link: note.link,
        createdAt: now.toISOString(),
      };
      for (const channel of channels) {
        const recipient = await this.recipientFor(tx, channel, note.userId);
        if (recipient) deliveries.push(this.delivery(channel, recipient, payload, note, input.urgent ?? false));
      }
    }
    await insertDeliveries(tx, deliveries);
  }

  async sendSms(tx: DbOrTx, input: SmsInput): Promise<void> {
    const payload: DeliveryPayload = { kind: input.template, params: input.params };
    await insertDeliveries(tx, [
      this.delivery('sms', input.phone, payload, { id: null, userId: null, areaCode: null }, input.urgent ?? false),
    ]);
  }

  private async recipientFor(tx: DbOrTx, channel: NotificationChannel, userId: string): Promise<string | null> {
    if (channel === 'webhook') return this.ctx.config.notifications.webhook ? userId : null;
    if (!this.ctx.config.notifications.sms) return null;
    const user = await findUserById(tx, userId);
    return user?.phoneEnc ? this.ctx.cipher.decrypt(user.phoneEnc) : null;
  }

  private delivery(
    channel: NotificationChannel,
    recipient: string,
    payload: DeliveryPayload,
    note: { id: string | null; userId: string | null; areaCode: string | null },
    urgent: boolean,
  ): DeliveryInsert {
    const now = this.ctx.clock.now();
    return {
      id: randomUUID(),
      areaCode: note.areaCode,
      userId: note.userId,
      notificationId: note.id,
      event: payload.event ?? payload.kind,
      channel,
      recipientEnc: this.ctx.cipher.encrypt(recipient),
      payloadEnc: this.ctx.cipher.encrypt(JSON.stringify(payload)),
      urgent,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: channel === 'sms' ? smsSendableAt(now, urgent) : now,
      createdAt: now,
    };
  }
}
