import { z } from 'zod';
// Types only: field-messages.ts reads MIN_YEAR / MAX_YEAR from here at load time.
import type { FieldCode } from './field-messages';

/** UUID primary keys everywhere: ids never reveal counts or order. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** A timestamp in a response (the server writes them with Date.toISOString()). Requests use IsoDateTimeInput. */
export const IsoDateTime = z.string().describe('ISO 8601 timestamp in UTC');

/** Years a date or timestamp in a request may fall in: beyond them a value is a typo or an attack, never data. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Schemas' own messages are field codes (field-messages.ts): the server and the web app say them in the UI language. */
export const DATE_RANGE: FieldCode = 'field.date_range';

/**
 * A timestamp sent to the server: a real ISO 8601 date-time with `Z` or an offset (2026-03-02T08:00:00Z,
 * 2026-03-02T16:00:00+08:00). Anything else would become an Invalid Date in the service (a 500, finding F11).
 */
export const IsoDateTimeInput = z.iso
  .datetime({ offset: true, message: 'field.datetime_invalid' satisfies FieldCode })
  .refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, DATE_RANGE)
  .describe('ISO 8601 timestamp with Z or an offset');

/**
 * Characters PostgreSQL `text` cannot store: U+0000 (rejected with an error), and lone UTF-16 surrogates (not Unicode;
 * silently stored as U+FFFD). The server refuses them in every request (platform/input-guard.ts).
 */
const NUL = String.fromCharCode(0);
/** With the `u` flag a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
export const UNSTORABLE_TEXT: FieldCode = 'field.unstorable_text';
export function isStorableText(value: string): boolean {
  return !value.includes(NUL) && !LONE_SURROGATE.test(value);
}
/** The text with each such character replaced by U+FFFD (for values recorded before validation, e.g. in audit rows). */
export function toStorableText(value: string): string {
  return isStorableText(value)
    ? value
    : value
        .split(NUL)
        .join('\uFFFD')
        .replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

/**
 * The path (`a.b.0`) of the first string — value or object key — in a parsed JSON value that PostgreSQL cannot store,
 * or null. Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorableText(node)) return path;
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], path ? `${path}.${i}` : String(i)]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function Paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Values a field message names; see FieldParams in field-messages.ts. */
export const FieldParamValues = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * One field's problem: `code` is a key of FIELD_MESSAGES (field-messages.ts), which the web app shows in the UI
 * language with `params`; `message` is the same words in the request's language, for other API clients.
 */
export const FieldError = z.object({
  path: z.string(),
  /** The field message's code (packages/contracts/src/field-messages.ts); `message` is its words in the request's language. */
  code: z.string(),
  params: FieldParamValues.optional(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** Every error response has this body: `code` is also the i18n key the web app translates. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(FieldError).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });
