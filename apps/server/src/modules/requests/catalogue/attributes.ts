import { type FieldIssue, isStorableText } from '@linli/contracts';
import type { CategoryQuestion } from '@linli/contracts/modules/requests';

/** An answer as the contracts carry it (RequestAttributes' values). */
type Answer = string | number | boolean | string[];
export type AttributeResult =
  { ok: true; value: Record<string, string | number | string[]> } | { ok: false; errors: FieldIssue[] };

const MAX_CHARS = { string: 200, text: 2000 } as const;

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One answer checked and normalised (numbers as numbers, datetimes as UTC ISO strings, lists as key arrays). */
function checkAnswer(q: CategoryQuestion, raw: Answer): { value: string | number | string[] } | { issue: FieldIssue } {
  const path = `attributes.${q.code}`;
  const keys = new Set((q.values ?? []).map((v) => v.key));
  switch (q.datatype) {
    case 'string':
    case 'text': {
      if (typeof raw !== 'string' || !isStorableText(raw)) return { issue: { path, code: 'field.invalid' } };
      const value = raw.trim();
      const n = MAX_CHARS[q.datatype];
      return value.length > n ? { issue: { path, code: 'field.max_chars', params: { n } } } : { value };
    }
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      return Number.isFinite(value) ? { value } : { issue: { path, code: 'field.invalid' } };
    }
    case 'datetime': {
      const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
      return Number.isFinite(at)
        ? { value: new Date(at).toISOString() }
        : { issue: { path, code: 'field.datetime_invalid' } };
    }
    case 'singlevaluelist':
      return typeof raw === 'string' && keys.has(raw)
        ? { value: raw }
        : { issue: { path, code: 'field.invalid_value' } };
    case 'multivaluelist': {
      // Open311 form posts send one value as a plain string.
      const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : null;
      if (!list || !list.every((k) => keys.has(k))) return { issue: { path, code: 'field.invalid_value' } };
      return { value: [...new Set(list)] };
    }
  }
}

/**
 * Answers to a category version's questions, checked against their datatypes and option keys. Required questions
 * must be answered; answers to codes the version does not ask are dropped (nothing is stored that no form asked for).
 */
export function validateAttributes(
  questions: readonly CategoryQuestion[],
  attributes: Readonly<Record<string, Answer | null | undefined>>,
): AttributeResult {
  const errors: FieldIssue[] = [];
  const value: Record<string, string | number | string[]> = {};
  for (const q of questions) {
    const raw = Object.hasOwn(attributes, q.code) ? attributes[q.code] : undefined;
    if (blank(raw)) {
      if (q.required) errors.push({ path: `attributes.${q.code}`, code: 'field.required' });
      continue;
    }
    const checked = checkAnswer(q, raw as Answer);
    if ('issue' in checked) errors.push(checked.issue);
    else if (!blank(checked.value)) value[q.code] = checked.value;
    else if (q.required) errors.push({ path: `attributes.${q.code}`, code: 'field.required' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
