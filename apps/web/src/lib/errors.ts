import type { FormInstance } from 'antd';
import { isApiError } from './api-client';

/**
 * Puts the server's per-field validation messages (`fields: [{path, message}]`) on the matching form items.
 * Returns true when at least one field error was shown, so the caller can skip a generic alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || !error.fields?.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const entries = error.fields
    .map((f) => ({ name: f.path.split('.')[0] ?? f.path, errors: [f.message] }))
    .filter((f) => known.has(f.name));
  if (entries.length) form.setFields(entries);
  return entries.length > 0;
}
