import type { FormInstance } from 'antd';
import { isApiError } from '../../../lib/api-client';

/**
 * Like lib/errors applyFieldErrors, but keeps list positions: a server path `goals.0.goal` lands on the form item
 * ['goals', 0, 'goal']. Returns true when at least one message was placed on a field.
 */
export function applyNestedFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || !error.fields?.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const entries = error.fields
    .map((f) => ({ name: f.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [f.message] }))
    .filter((f) => typeof f.name[0] === 'string' && known.has(f.name[0]));
  if (entries.length) form.setFields(entries);
  return entries.length > 0;
}
