import type { FastifyBaseLogger } from 'fastify';
import type { NotificationConfig } from '../../../config-notifications';
import { maskPhone } from '../../../platform/masking';
import { AliyunSmsChannel } from './aliyun-sms';
import type { Channel } from './channel';
import { WebhookChannel } from './webhook';

export type { Channel, DeliveryPayload } from './channel';

/** Demo mode without an SMS provider: the text goes to the server log (a sign-up's code can be read there). */
export class LogSmsChannel implements Channel {
  constructor(private readonly log: FastifyBaseLogger | Console) {}

  async send({ deliveryId, recipient, payload }: Parameters<Channel['send']>[0]): Promise<void> {
    this.log.info(
      { deliveryId, to: maskPhone(recipient), kind: payload.kind, params: payload.params },
      `demo SMS (log channel) ${payload.kind} ${JSON.stringify(payload.params)}`,
    );
  }
}

export function buildChannels(
  config: NotificationConfig,
  log: FastifyBaseLogger | Console,
): Partial<Record<'sms' | 'webhook', Channel>> {
  const channels: Partial<Record<'sms' | 'webhook', Channel>> = {};
  if (config.sms?.provider === 'aliyun') channels.sms = new AliyunSmsChannel(config.sms);
  if (config.sms?.provider === 'log') channels.sms = new LogSmsChannel(log);
  if (config.webhook) channels.webhook = new WebhookChannel(config.webhook);
  return channels;
}
