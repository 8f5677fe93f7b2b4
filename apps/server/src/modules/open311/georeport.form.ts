import { z } from 'zod';
import { isStorableText } from '@linli/contracts';
import { badRequest } from './georeport.errors';

/** A form-encoded body as the content-type parser leaves it: each name once (string) or repeated (array). */
export type FormBody = Record<string, string | string[]>;

/** Parses `application/x-www-form-urlencoded` text; repeated names collect into arrays. */
export function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText)
    .optional()
    .transform((v) => (v ? v : undefined));
const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/)
    .transform(Number)
    .refine((n) => n >= min && n <= max)
    .optional();

/** The arguments of POST requests (GeoReport v2), as strings from the form; the attributes apart. */
export const GeoPostInput = z.object({
  api_key: z.string().max(200).optional(),
  jurisdiction_id: z.string().max(20).optional(),
  service_code: z.string().trim().min(1).max(64),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: text(200),
  address_id: text(64),
  email: text(200),
  device_id: text(200),
  account_id: text(200),
  first_name: text(30),
  last_name: text(30),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s-]{5,20}$/)
    .optional(),
  description: z.string().trim().min(1).max(4000).refine(isStorableText),
  media_url: text(1000),
});
export type GeoPostInput = z.infer<typeof GeoPostInput>;

/**
 * Reads the form: the named arguments (first value each) checked by GeoPostInput, and `attribute[code]` /
 * `attribute[code][]` collected as the answers (a repeated or `[]` name is a list, for multivaluelist).
 */
export function readPostForm(body: unknown): { input: GeoPostInput; attributes: Record<string, string | string[]> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('A form-encoded body is required');
  const form = body as Record<string, unknown>;
  const plain: Record<string, string | undefined> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(form)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'number' ? String(v) : v));
    if (!values.every((v) => typeof v === 'string')) throw badRequest(`${name}: a text value is expected`);
    const strings = values as string[];
    const attribute = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(name);
    if (attribute) {
      if (!strings.every(isStorableText)) throw badRequest(`${name}: not a valid text value`);
      attributes[attribute[1]!] = attribute[2] || strings.length > 1 ? strings : strings[0]!;
    } else plain[name] = one(strings);
  }
  const parsed = GeoPostInput.safeParse(plain);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const field = String(first.path[0] ?? 'body');
    const missing = plain[field] === undefined || plain[field] === '';
    throw badRequest(missing ? `${field} is required` : `${field} is not valid`);
  }
  return { input: parsed.data, attributes };
}
