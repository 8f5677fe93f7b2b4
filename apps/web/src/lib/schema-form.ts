import { useMemo } from 'react';
import type { FormInstance, FormRule } from 'antd';
import { type FieldParams, fieldIssueOf } from '@linli/contracts';
import { useI18n } from '../i18n';
import { setFieldIssues } from './errors';

/**
 * The part of a zod schema (from @linli/contracts) this file uses. Structural, so the web workspace needs no zod
 * dependency of its own: any contract schema fits.
 */
export interface Schema<T = unknown> {
  safeParse(value: unknown, params?: { error?: (issue: RawIssue) => string | undefined }): ParseResult<T>;
  readonly _zod: { readonly def: { readonly type: string } };
}

type ParseResult<T> = { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** What zod tells an error map about a failed check. */
export interface RawIssue {
  code: string;
  input?: unknown;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

/** Our own messages start with this mark and carry the field code found for the check (JSON), so a schema's custom message can be told apart from them. */
const OURS = '\u0001';

/** The schema inside optional / nullable / default wrappers. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const inner = (current._zod.def as { innerType?: Schema }).innerType;
    if (!inner) break;
    current = inner;
  }
  return current;
}

/**
 * Length limits of a string or array schema, or value limits of a number schema, read from the contract so inputs
 * (`maxLength`, `min`/`max`, "add" buttons) never retype them.
 */
export function schemaLimits(schema: Schema): { min?: number; max?: number } {
  const checks = ((unwrap(schema)._zod.def as { checks?: readonly { _zod: { def: CheckDef } }[] }).checks ?? []).map(
    (c) => c._zod.def,
  );
  const limits: { min?: number; max?: number } = {};
  for (const c of checks) {
    if (c.check === 'min_length' && c.minimum !== undefined) limits.min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) limits.max = c.maximum;
    if (c.check === 'greater_than' && c.value !== undefined) limits.min = c.inclusive ? c.value : c.value + 1;
    if (c.check === 'less_than' && c.value !== undefined) limits.max = c.inclusive ? c.value : c.value - 1;
  }
  return limits;
}

/** Empty inputs ('', whitespace, []) count as "not given", as the forms send them. */
function emptyToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

export interface FieldRuleOptions {
  /** Overrides what the schema says (e.g. a field only required when another has some value). */
  required?: boolean;
  /** Turns the form value into what the schema reads (e.g. a Dayjs into 'YYYY-MM-DD'). */
  map?: (value: unknown) => unknown;
  /** Replaces the message for these issue codes ('required' for a missing value). */
  messages?: Partial<
    Record<'required' | 'too_small' | 'too_big' | 'invalid_format' | 'invalid_value' | 'custom', string>
  >;
}

export interface SchemaForm {
  /** antd rules that check one field with its contract schema (and mark it required when the schema is). */
  rules(schema: Schema, options?: FieldRuleOptions): FormRule[];
  /**
   * Checks a whole input with its contract schema before it is sent: on failure the messages go onto the form
   * items named by the issue paths and null is returned.
   */
  validate<T>(form: FormInstance, schema: Schema<T>, input: unknown): T | null;
  /** The message shown for a schema's first issue with a value (for checks outside a form). */
  check(schema: Schema, value: unknown): string | null;
}

/**
 * Contract schemas as antd form rules and submit-time checks. Every message is a field code's words from the shared
 * catalogue (packages/contracts/src/field-messages.ts) in the UI language: a schema's own message is a field code,
 * any other check gets the code for its kind (fieldIssueOf, as the server does), so zod's English never shows.
 */
export function useSchemaForm(): SchemaForm {
  const { fieldText } = useI18n();
  return useMemo<SchemaForm>(() => {
    const say = (field: { code: string; params?: FieldParams }) =>
      fieldText(field.code, field.params) ?? fieldText('field.invalid')!;
    // Only checks without a message of their own reach an error map (zod gives the schema's message precedence).
    const errorMap = (issue: RawIssue) => OURS + JSON.stringify(fieldIssueOf(issue));
    const messageOf = (issue: Issue, overrides?: FieldRuleOptions['messages']): string => {
      const override = overrides?.[issue.code as keyof NonNullable<FieldRuleOptions['messages']>];
      if (override) return override;
      if (issue.message.startsWith(OURS))
        return say(JSON.parse(issue.message.slice(OURS.length)) as { code: string; params?: FieldParams });
      // The schema's own message (a field code), else the words for the kind of check.
      return say(fieldIssueOf({ code: issue.code, message: issue.message }));
    };
    const parse = (schema: Schema, value: unknown) => schema.safeParse(value, { error: errorMap });

    return {
      rules(schema, options = {}) {
        const required = options.required ?? !schema.safeParse(undefined).success;
        return [
          {
            required,
            validator: async (_rule, raw: unknown) => {
              const value = emptyToUndefined(options.map ? options.map(raw) : raw);
              if (value === undefined) {
                if (required) throw new Error(options.messages?.required ?? say({ code: 'field.required' }));
                return;
              }
              const result = parse(schema, value);
              if (!result.success && result.error.issues[0])
                throw new Error(messageOf(result.error.issues[0], options.messages));
            },
          },
        ];
      },
      validate(form, schema, input) {
        const result = schema.safeParse(input, { error: errorMap });
        if (result.success) return result.data;
        setFieldIssues(
          form,
          result.error.issues.map((issue) => ({ path: issue.path, message: messageOf(issue) })),
        );
        return null;
      },
      check(schema, value) {
        const result = parse(schema, emptyToUndefined(value));
        return result.success || !result.error.issues[0] ? null : messageOf(result.error.issues[0]);
      },
    };
  }, [fieldText]);
}
