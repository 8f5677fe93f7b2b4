import type { FastifyReply } from 'fastify';
import type { GeoErrorList } from '@linli/contracts/modules/open311';

/** The two formats of GeoReport v2: every resource is `<name>.json` or `<name>.xml`. */
export type GeoFormat = 'json' | 'xml';

/** Splits `SQ202603020001.json` into the id and the format; null when the extension is neither. */
export function splitFormat(file: string): { id: string; format: GeoFormat } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { id: match[1]!, format: match[2] as GeoFormat } : null;
}

/** The format a request asked for, from its path (used for errors raised before a handler knew it). */
export function formatOfUrl(url: string): GeoFormat {
  const path = url.split('?')[0] ?? '';
  return /\.xml$/i.test(path) || /%2exml$/i.test(path) ? 'xml' : 'json';
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and return; lone surrogates; U+FFFE
 * and U+FFFF) are dropped; the five markup characters become entities. Enough for element content and attribute
 * values, so no XML library is needed for these flat documents.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the point is to match control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/** The element name of one entry of a list element (GeoReport's plural → singular names). */
const ITEM_NAMES: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  services: 'service',
  service_requests: 'request',
  errors: 'error',
};

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: `root` holds the value (a list becomes its entries, an object its fields). */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

/**
 * Sends `value` in the asked format. JSON goes through the route's response schema (zod); XML is written here,
 * field for field the same objects, so the two formats never differ in what they show.
 */
export function sendGeo(reply: FastifyReply, format: GeoFormat, root: string, value: unknown, status = 200) {
  void reply.status(status);
  if (format === 'json') return reply.send(value);
  return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
}

export function errorList(code: number, description: string): GeoErrorList {
  return [{ code, description }];
}

export function sendGeoError(reply: FastifyReply, format: GeoFormat, status: number, description: string) {
  // Through the serializer for JSON would need a schema per status: errors are plain, write them directly.
  const body = errorList(status, description);
  void reply.status(status).header('cache-control', 'no-store');
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.type('text/xml; charset=utf-8').send(toXml('errors', body));
}
