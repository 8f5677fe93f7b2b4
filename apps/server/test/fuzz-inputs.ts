/**
 * The malformed values test/fuzz.test.ts sends, and how it finds the fields to put them in: from the JSON Schema of a
 * route's zod schemas (what it declares) and its sample request (what it sends). Deterministic: fixed lists plus
 * fast-check samples drawn with a fixed seed.
 */
import fc from 'fast-check';
import { XLSX_MIME } from '@linli/contracts';
import { z } from 'zod';

export const SEED = 0xf11;

// ---------------------------------------------------------------------------------------------------------------
// Malformed values
// ---------------------------------------------------------------------------------------------------------------

export const LONG = 'x'.repeat(10_000);
export const sampled = <T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] =>
  fc.sample(arb, { seed: SEED + seed, numRuns: n });

/**
 * Replacements for a string field: a core every field gets (NUL, impossible dates, non-ISO date-times, 10,000
 * characters, astral and lone-surrogate characters) and a pool each field draws a few more from, with the seed.
 */
export const CORE_STRINGS: unknown[] = [
  '\u0000',
  'abc\u0000',
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '0000-01-01',
  '2026-02-30T10:00:00Z',
  '2026-03-01 10:00',
  'yesterday',
  LONG,
  '😀'.repeat(200),
  '\uD800',
  '',
];
export const MORE_STRINGS: unknown[] = [
  '\u0000'.repeat(50),
  '中文\u0000名字',
  '2026-00-10',
  '9999-12-31',
  '1899-12-31',
  '2026-2-3',
  '20260302',
  '2026-03-01T25:61:00Z',
  'Mon, 02 Mar 2026 01:00:00 GMT',
  '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '1e400',
  '𠀀𠀁',
  'a\uDFFFb',
  '\u202E',
  '\uFEFF',
  ' ',
  '   \t\n',
  "' OR 1=1 --",
  '%_\\',
  '${7*7}',
  '<script>',
  '中'.repeat(300),
  ...sampled(fc.string({ unit: 'binary', maxLength: 40 }), 6, 1),
  ...sampled(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), 3, 2),
];

/** Replacements for a number field. */
export const CORE_NUMBERS: unknown[] = [-1, 1.5, 2 ** 31, 2 ** 53 + 2, 1e308, '1', 'NaN'];
export const MORE_NUMBERS: unknown[] = [
  0,
  -0.5,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
  -1e308,
  5e-324,
  '01',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  '9'.repeat(400),
  ...sampled(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), 3, 3),
  ...sampled(fc.double(), 3, 4),
];

export const BAD_BOOLEANS: unknown[] = ['true', 'false', 0, 1, 'yes'];

export const MISSING = Symbol('missing');

/** Replacements for any field: wrong types, empty containers, dropping it. */
export const CORE_GENERIC: unknown[] = [MISSING, null, 0, true, [], ['a', 'b'], {}];
export const MORE_GENERIC: unknown[] = [-1, '\u0000', LONG, [null], { '\u0000': 1 }, { a: { b: [] } }];

/** `n` values from a pool, chosen by the seed and the field (the same on every run). */
export function drawn(pool: unknown[], n: number, key: string): unknown[] {
  let seed = SEED;
  for (const ch of key) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return fc.sample(fc.shuffledSubarray(pool, { minLength: n, maxLength: n }), { seed, numRuns: 1 })[0]!;
}

/** Replacements for a path parameter (already URL-encoded where it matters). */
export const CORE_PARAMS: string[] = [
  'not-a-uuid',
  '%00',
  'abc%00',
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-4000-8000-000000000000%00',
  '999999999999999',
  encodeURIComponent(LONG),
  '%ED%A0%80',
  '%ZZ',
  '..',
];
export const MORE_PARAMS: string[] = [
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '123456789012',
  '000000000000',
  '51010700100a',
  '5101070010010010',
  '%F0%9F%98%80',
  '%',
  '%2e%2e',
  '%20',
  '-1',
  '1e400',
  'null',
  'undefined',
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('2026-02-30'),
];

/** Numbers in a query string (where every value is text anyway). */
export const CORE_QUERY_NUMBERS = ['-1', '1.5', String(2 ** 53 + 2), '1e308', 'NaN'];
export const MORE_QUERY_NUMBERS = ['0', String(2 ** 31), '-0', '0x10', 'Infinity', '9'.repeat(400)];
/** Parameter values also sent by a role that lacks the route's permission: the refusal audits the raw parameters. */
export const REFUSED_PARAMS = [
  '%00',
  'abc%00',
  '%ED%A0%80',
  '%F0%9F%98%80',
  encodeURIComponent(LONG),
  '%ZZ',
  'not-a-uuid',
];

/** Query strings written by hand (malformed escapes, repeated and odd keys); each route gets a few. */
export const RAW_QUERIES = [
  '?%00=%00',
  '?%ZZ=%ZZ',
  '?a=%ED%A0%80',
  `?${'x'.repeat(10_000)}=1`,
  '?page=1&page=2&pageSize=1e3',
  '?__proto__[x]=1',
  '?=&&=',
];

/** Headers the hooks read before anything else (session cookie, CSRF token, language); each route gets a couple. */
export const BAD_HEADERS: Record<string, string>[] = [
  { cookie: 'linli_sid=%ZZ' },
  { cookie: `linli_sid=${'a'.repeat(8000)}` },
  { cookie: 'linli_sid=a; linli_sid=b; __Host-linli_sid=' },
  { 'x-csrf-token': 'x'.repeat(10_000) },
  { 'x-csrf-token': '' },
  { 'accept-language': 'zz;q=abc,,,;q=,en;q=2' },
  { 'accept-language': 'x'.repeat(10_000) },
];

/** Whole bodies that are not the object the route expects (raw JSON text; no payload = no body). */
export const CORE_BODIES: { label: string; payload?: string; contentType?: string }[] = [
  { label: 'no body' },
  { label: 'null', payload: 'null' },
  { label: 'array', payload: '[]' },
  { label: 'string', payload: '"x"' },
  { label: 'number', payload: '12' },
  { label: 'broken JSON', payload: '{"a":' },
  { label: 'escaped NUL key', payload: '{"\\u0000":"\\u0000"}' },
  { label: '__proto__', payload: '{"__proto__":{"isAdmin":true}}' },
  { label: 'deep nesting', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
];
export const MORE_BODIES: typeof CORE_BODIES = [
  { label: 'array of object', payload: '[{}]' },
  { label: 'true', payload: 'true' },
  { label: 'empty text', payload: '' },
  { label: 'NUL in JSON text', payload: '{"a":"\u0000"}' },
  { label: 'constructor.prototype', payload: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { label: 'deep objects', payload: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { label: 'text/plain', payload: '{}', contentType: 'text/plain' },
  { label: 'form', payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
  { label: 'xlsx type with JSON', payload: '{}', contentType: XLSX_MIME },
  { label: 'json charset', payload: '{}', contentType: 'application/json; charset=utf-16' },
];

// ---------------------------------------------------------------------------------------------------------------
// Schema walking: every field (and container) a route's schema declares or its sample sends
// ---------------------------------------------------------------------------------------------------------------

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}
export type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'any';
export interface Field {
  path: (string | number)[];
  kind: Kind;
}

export function jsonSchemaOf(schema: z.ZodType | undefined): JsonSchema | null {
  if (!schema) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function kindOf(s: JsonSchema): Kind {
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'string') return 'string';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'object' || s.properties || s.additionalProperties) return 'object';
  if (type === 'array' || s.items) return 'array';
  if (s.enum) return 'string';
  return 'any';
}

export function branch(s: JsonSchema, value: unknown): JsonSchema {
  const options = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((o) => o.type !== 'null');
  if (!options.length) return s.allOf?.[0] ? { ...s.allOf[0], ...s } : s;
  const matching = options.find((o) =>
    Array.isArray(value) ? kindOf(o) === 'array' : isObject(value) ? kindOf(o) === 'object' : true,
  );
  return matching ?? options[0]!;
}

export function fieldsOf(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = [],
  out: Field[] = [],
  depth = 0,
): Field[] {
  const s = branch(schema, value);
  const kind = kindOf(s);
  if (path.length) out.push({ path, kind });
  if (depth > 6) return out;
  if (kind === 'object') {
    const keys = new Set([...Object.keys(s.properties ?? {}), ...(isObject(value) ? Object.keys(value) : [])]);
    const names = s.propertyNames?.enum;
    if (names?.length && ![...keys].some((k) => names.includes(k))) keys.add(String(names[0]));
    const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
    for (const key of keys)
      fieldsOf(s.properties?.[key] ?? extra, isObject(value) ? value[key] : undefined, [...path, key], out, depth + 1);
  } else if (kind === 'array' && s.items) {
    fieldsOf(s.items, Array.isArray(value) ? value[0] : undefined, [...path, 0], out, depth + 1);
  }
  return out;
}

export function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(base ?? {}) as Record<string | number, unknown>;
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === MISSING) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return root;
}

export function replacementsFor(kind: Kind, current: unknown, key: string): unknown[] {
  // More items than PostgreSQL takes bind parameters (65,535), of the kind the sample sends.
  const item = Array.isArray(current) && current.length ? current[0] : '510107001001';
  const bigArray = Array.from({ length: 70_000 }, () => item);
  switch (kind) {
    case 'string':
      return [
        ...CORE_STRINGS,
        typeof current === 'string' ? `${current}\u0000` : 'x\u0000',
        ...CORE_GENERIC,
        ...drawn([...MORE_STRINGS, ...MORE_GENERIC], 6, key),
      ];
    case 'number':
      return [...CORE_NUMBERS, ...CORE_GENERIC, ...drawn([...MORE_NUMBERS, ...MORE_GENERIC], 5, key)];
    case 'boolean':
      return [...BAD_BOOLEANS, ...CORE_GENERIC, ...drawn(MORE_GENERIC, 2, key)];
    case 'array':
      return [...CORE_GENERIC, ...MORE_GENERIC, bigArray, Array.from({ length: 1000 }, () => LONG.slice(0, 100))];
    case 'object':
      return [
        ...CORE_GENERIC,
        ...MORE_GENERIC,
        Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
      ];
    default:
      return [
        ...CORE_STRINGS,
        ...CORE_NUMBERS,
        ...CORE_GENERIC,
        ...drawn([...MORE_STRINGS, ...MORE_NUMBERS, ...MORE_GENERIC], 6, key),
      ];
  }
}

export const describeValue = (v: unknown) => {
  if (v === MISSING) return '(missing)';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…(${text.length} chars)` : text;
};

// ---------------------------------------------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------------------------------------------

/** A percent-encoder that also writes lone surrogates (as the invalid UTF-8 bytes a hostile client would send). */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          const code = ch.charCodeAt(0);
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
        }
      })
      .join('');
  }
}

export function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === MISSING || value === undefined) continue;
    if (value === null) parts.push(encode(key));
    else if (Array.isArray(value))
      for (const v of value.length ? value : ['']) parts.push(`${encode(key)}=${encode(String(v))}`);
    else if (isObject(value))
      for (const [k, v] of Object.entries(value))
        parts.push(`${encode(key)}[${encode(k)}]=${encode(JSON.stringify(v))}`);
    else parts.push(`${encode(key)}=${encode(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
