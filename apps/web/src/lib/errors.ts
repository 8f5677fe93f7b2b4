import type { FormInstance } from 'antd';
import type { FieldError } from '@linli/contracts';
import { isApiError } from './api-client';

type NamePath = (string | number)[];

/** A message for one form field: `path` as the server or zod gives it ('goals.0.goal' or ['goals', 0, 'goal']). */
export interface FieldIssue {
  path: string | readonly PropertyKey[];
  message: string;
}

function toPath(path: FieldIssue['path']): NamePath {
  const parts =
    typeof path === 'string' ? path.split('.').filter(Boolean) : path.map((p) => (typeof p === 'symbol' ? '' : p));
  return parts.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

const same = (a: NamePath, b: NamePath) => a.length === b.length && a.every((part, i) => String(part) === String(b[i]));

/**
 * Puts messages on the form items they belong to: each path lands on the longest registered field it starts with
 * (`goals.0.goal` on ['goals', 0, 'goal'], `areaCodes.3` on 'areaCodes'). Returns true when every message found a
 * field, so the caller needs no generic alert.
 */
export function setFieldIssues(form: FormInstance, issues: readonly FieldIssue[]): boolean {
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  let unplaced = 0;
  for (const issue of issues) {
    const path = toPath(issue.path);
    let name: NamePath | null = null;
    for (let length = path.length; length > 0 && !name; length--) {
      const prefix = path.slice(0, length);
      if (registered.some((r) => same(r, prefix))) name = prefix;
    }
    if (!name) {
      unplaced++;
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  return byField.size > 0 && unplaced === 0;
}

/**
 * Puts the server's per-field errors (`fields: [{ path, code, params, message }]`) on the matching form items, each
 * said by `say` (the code's words in the UI language). Returns true when every one was shown on a field, so the
 * caller can skip a generic alert.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  say: (field: FieldError) => string = (f) => f.message,
): boolean {
  if (!isApiError(error) || !error.fields?.length) return false;
  return setFieldIssues(
    form,
    error.fields.map((f) => ({ path: f.path, message: say(f) })),
  );
}
