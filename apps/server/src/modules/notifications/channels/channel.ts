/** What a delivery row carries (encrypted at rest in payload_enc). */
export interface DeliveryPayload {
  /** The message kind: an event type, or a template name given to sendSms ('otp' …). */
  kind: string;
  params: Record<string, string | number>;
  /** Inbox details for webhook receivers (absent for texts to non-accounts). */
  notificationId?: string;
  event?: string;
  userId?: string;
  areaCode?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  link?: string | null;
  createdAt?: string;
}

/** One external channel: sends one delivery or throws (the outbox retries it with back-off). */
export interface Channel {
  send(input: { deliveryId: string; recipient: string; payload: DeliveryPayload; now: Date }): Promise<void>;
}

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** POSTs with a time limit; a gateway that hangs must not hold a lease for ever. */
export async function postWithTimeout(url: string, init: RequestInit, timeoutMs = 10_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`gateway unreachable${cause ? ` (${cause})` : ''}`);
  }
}
