import { createHmac, randomUUID } from 'node:crypto';
import type { AliyunSmsConfig } from '../../../config-notifications';
import { type Channel, DeliveryError, postWithTimeout } from './channel';

/**
 * Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, action SendSms) with the RPC-style signature (signature
 * version 1.0) as Alibaba Cloud documents it:
 *
 *   1. every request parameter except Signature, sorted by name; name and value each percent-encoded (RFC 3986:
 *      only A–Z a–z 0–9 - _ . ~ stay, a space is %20, never +), joined as `name=value` with `&`;
 *   2. StringToSign = HTTPMethod + '&' + percentEncode('/') + '&' + percentEncode(that canonicalized query);
 *   3. Signature = Base64(HMAC-SHA1(AccessKeySecret + '&', StringToSign)), sent as one more parameter.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

export function stringToSign(method: string, params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function rpcSignature(secret: string, method: string, params: Record<string, string>): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}

/** Alibaba Cloud's timestamp format: ISO 8601 in UTC without milliseconds. */
export function aliyunTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The signed form parameters of one SendSms call. */
export function sendSmsParams(
  config: AliyunSmsConfig,
  input: { phone: string; templateCode: string; params: Record<string, string | number>; outId: string; now: Date },
): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: input.outId,
    PhoneNumbers: input.phone,
    RegionId: 'cn-hangzhou',
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: input.templateCode,
    TemplateParam: JSON.stringify(Object.fromEntries(Object.entries(input.params).map(([k, v]) => [k, String(v)]))),
    Timestamp: aliyunTimestamp(input.now),
    Version: '2017-05-25',
  };
  return { ...params, Signature: rpcSignature(config.accessKeySecret, 'POST', params) };
}

export class AliyunSmsChannel implements Channel {
  constructor(private readonly config: AliyunSmsConfig) {}

  async send({ deliveryId, recipient, payload, now }: Parameters<Channel['send']>[0]): Promise<void> {
    const templateCode = this.config.templates[payload.kind] ?? this.config.templates.default;
    if (!templateCode) throw new DeliveryError(`no SMS template for ${payload.kind}`);
    const params = sendSmsParams(this.config, {
      phone: recipient,
      templateCode,
      params: payload.params,
      outId: deliveryId,
      now,
    });
    const res = await postWithTimeout(this.config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    let answer: { Code?: string; Message?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new DeliveryError(`SMS gateway answered ${res.status} without JSON`);
    }
    // Success is Code "OK" (HTTP 200); anything else names its reason in Code (SignatureDoesNotMatch, isv.…).
    if (!res.ok || answer.Code !== 'OK') throw new DeliveryError(`SMS gateway refused: ${answer.Code ?? res.status}`);
  }
}
