import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index';
import { ERRORS } from './error-codes';
import { FIELD_MESSAGES, fieldIssueOf, fieldMessage, isFieldCode } from './field-messages';

// Every zod issue an input schema of the contracts can raise is said with a catalogued field code (no zod English
// reaches a person): the schemas are fed values that break each field in each way, and every issue is mapped.

type Json = {
  type?: string | string[];
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
  enum?: unknown[];
};

/** The contract's request schemas: exported zod schemas named …Input or …Query. */
// Widened to unknown first: a type predicate over the package's own union of exports breaks when a module is added.
const INPUTS = (Object.entries(contracts) as [string, unknown][]).filter(
  (entry): entry is [string, z.ZodType] => /(Input|Query)$/.test(entry[0]) && entry[1] instanceof z.ZodType,
);

const kindOf = (s: Json): string => {
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type) return type === 'integer' ? 'number' : type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return s.enum ? 'string' : 'any';
};
const branch = (s: Json): Json => [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find((o) => o.type !== 'null') ?? s;

/** Values that break a field of this kind in every way a check can: type, size, format, value. */
function breakers(kind: string): unknown[] {
  switch (kind) {
    case 'string':
      return [
        undefined,
        null,
        12345,
        '',
        ' ',
        'x'.repeat(5001),
        'nope',
        '2026-13-45',
        '2026-02-30',
        '<王😀>',
        'a\u0000',
      ];
    case 'number':
      return [undefined, 'abc', 1.5, -1e15, 1e15, Number.NaN];
    case 'boolean':
      return [undefined, 'yes', 1];
    case 'array':
      return [undefined, 'abc', [], Array(1001).fill('x'), [12345], [{}]];
    case 'object':
      return [undefined, 'abc', [], {}, { unknown: 1 }];
    default:
      return [undefined, Symbol('x')];
  }
}

/** Each input: a body per (field, breaker), from an empty object up. */
function badInputs(schema: z.ZodType): unknown[] {
  let json: Json;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  } catch {
    return [undefined, {}, 'abc'];
  }
  const out: unknown[] = [undefined, {}, 'abc', 12345];
  const walk = (s: Json, set: (v: unknown) => unknown, depth: number) => {
    const b = branch(s);
    const kind = kindOf(b);
    for (const value of breakers(kind)) out.push(set(value));
    if (depth > 3) return;
    if (kind === 'object')
      for (const [key, child] of Object.entries(b.properties ?? {})) walk(child, (v) => set({ [key]: v }), depth + 1);
    if (kind === 'array' && b.items) walk(b.items, (v) => set([v]), depth + 1);
  };
  walk(json, (v) => v, 0);
  return out;
}

describe('zod issues of the input schemas', () => {
  it('finds the input schemas', () => {
    expect(INPUTS.length).toBeGreaterThan(20);
  });

  it(
    'each maps to a catalogued field code, with every placeholder filled, in both languages',
    { timeout: 60_000 },
    () => {
      const kinds = new Map<string, Set<string>>();
      for (const [name, schema] of INPUTS) {
        for (const input of badInputs(schema)) {
          const result = schema.safeParse(input);
          if (result.success) continue;
          for (const issue of result.error.issues) {
            const what = `${name} ${issue.path.join('.')} ${issue.code}: ${issue.message}`;
            // A check with a message of its own (refine, regex…) gives a field code, never English.
            if (issue.code === 'custom') expect(isFieldCode(issue.message), what).toBe(true);
            const mapped = fieldIssueOf({ ...issue });
            expect(isFieldCode(mapped.code), what).toBe(true);
            for (const lang of ['zh', 'en'] as const) {
              const text = fieldMessage(mapped.code, lang, mapped.params)!;
              expect(text, what).not.toMatch(/\{\w+\}/);
              expect(text, what).not.toMatch(/Invalid input|expected \w+, received|Too (small|big)/);
            }
            const seen = kinds.get(issue.code) ?? new Set();
            seen.add(mapped.code);
            kinds.set(issue.code, seen);
          }
        }
      }
      // Every kind zod raises for these inputs was met, and the size checks say their limits.
      for (const kind of ['invalid_type', 'too_small', 'too_big', 'invalid_format', 'invalid_value', 'custom'])
        expect([...kinds.keys()], kind).toContain(kind);
      expect([...kinds.get('too_big')!].every((c) => /^field\.max_/.test(c) || !c.startsWith('field.'))).toBe(true);
      expect(kinds.get('invalid_type')).toContain('field.required');
    },
  );

  it('maps the kinds the inputs do not raise today to catalogued codes too', () => {
    const rare = [
      { code: 'unrecognized_keys' },
      { code: 'invalid_union' },
      { code: 'invalid_key' },
      { code: 'invalid_element' },
      { code: 'not_multiple_of' },
      { code: 'something_new' },
      { code: 'custom', message: 'An English sentence from a refine without a code' },
    ];
    for (const issue of rare) expect(fieldIssueOf(issue).code, issue.code).toBe('field.invalid');
    expect(Object.keys(FIELD_MESSAGES)).toContain('field.invalid');
  });

  it('refuses emoji and markup in a person name with its own message, and keeps rare CJK characters', () => {
    const { PersonName } = contracts;
    for (const name of ['王😀', '🇨🇳李', '张1️⃣', '<b>王</b>', '王\\'])
      expect(PersonName.safeParse(name).error?.issues[0]?.message, name).toBe('field.name_characters');
    for (const name of ['王𠀀', '李·娜', '欧阳 明', 'Anna-Lena'])
      expect(PersonName.safeParse(name).success, name).toBe(true);
    const long = PersonName.safeParse('王'.repeat(41)).error!.issues[0]!;
    expect(fieldIssueOf({ ...long })).toEqual({ code: 'field.max_chars', params: { n: 40 } });
  });

  it('no message of either catalogue is a "中文 / English" pair: each language says it alone', () => {
    const PAIR = /[\u3400-\u9fff][^/]*\s\/\s+[A-Za-z]{3,}|[A-Za-z]{3,}\s\/\s+[\u3400-\u9fff]/;
    const specs: [string, { zh: string; en: string }][] = [
      ...Object.entries(FIELD_MESSAGES),
      ...Object.entries(ERRORS),
    ];
    for (const [code, spec] of specs) {
      expect(spec.zh, code).not.toMatch(PAIR);
      expect(spec.en, code).not.toMatch(PAIR);
      expect(spec.zh, code).toMatch(/[\u3400-\u9fff]/);
    }
  });
});
