import { createHmac } from 'node:crypto';
import { type Channel, DeliveryError, postWithTimeout } from './channel';

/**
 * The generic signed webhook (for a WeChat bridge or a government platform): the delivery as JSON, signed with
 * HMAC-SHA256 over `<unix seconds>.<body>` in `X-Linli-Signature: t=<unix>,v1=<hex>`. A receiver recomputes it with
 * the shared secret, compares in constant time and refuses old timestamps (replays); `X-Linli-Delivery` is the
 * delivery's id, the same on every retry, so a receiver can drop a repeat.
 */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex')}`;
}

export class WebhookChannel implements Channel {
  constructor(private readonly config: { url: string; secret: string }) {}

  async send({ deliveryId, payload, now }: Parameters<Channel['send']>[0]): Promise<void> {
    const body = JSON.stringify({ id: deliveryId, ...payload });
    const t = Math.floor(now.getTime() / 1000);
    const res = await postWithTimeout(this.config.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Linli-Signature': webhookSignature(this.config.secret, t, body),
        'X-Linli-Delivery': deliveryId,
      },
      body,
    });
    await res.text().catch(() => undefined);
    if (!res.ok) throw new DeliveryError(`webhook answered ${res.status}`);
  }
}
