import { describe, expect, it } from 'vitest';
import { ClientInput, DateOnly } from './care';
import { ERRORS } from './error-codes';
import { FIELD_MESSAGES, fieldIssueOf, fieldMessage, isFieldCode } from './field-messages';

const CJK = /[\u3400-\u9fff]/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('FIELD_MESSAGES', () => {
  it('has the same placeholders in both languages, Chinese words in zh, and no "中文 / English" pair', () => {
    for (const [code, spec] of Object.entries(FIELD_MESSAGES)) {
      expect(placeholders(spec.en), code).toEqual(placeholders(spec.zh));
      expect(CJK.test(spec.zh), code).toBe(true);
      expect(spec.zh, code).not.toMatch(/\s\/\s+[a-zA-Z]/);
      expect(spec.en, code).not.toMatch(/^[\u3400-\u9fff]/);
    }
  });

  it('never reuses an error code', () => {
    for (const code of Object.keys(FIELD_MESSAGES)) expect(code in ERRORS, code).toBe(false);
  });

  it('fills params, and says null for a code it does not have', () => {
    expect(fieldMessage('field.min_chars', 'zh', { n: 2 })).toBe('请至少填写 2 个字');
    expect(fieldMessage('field.min_chars', 'en', { n: 2 })).toBe('Enter at least 2 characters');
    expect(fieldMessage('care.ledger_rows_over', 'zh', { max: 100000 })).toContain('100000');
    expect(fieldMessage('no.such_code', 'zh')).toBeNull();
  });

  it('every custom message of a contract schema is a field code', () => {
    const issues = ClientInput.safeParse({
      name: '<x>',
      idNumber: '110105194912310021',
      phone: '123',
      birthDate: '2026-02-30',
      communityCode: 'x',
      categories: [],
      notes: 'a\u0000',
    }).error!.issues;
    const custom = issues.filter(
      (i) =>
        i.code === 'custom' ||
        (i.code === 'invalid_format' && i.message !== undefined && !i.message.startsWith('Invalid')),
    );
    expect(custom.length).toBeGreaterThan(3);
    for (const issue of custom) expect(isFieldCode(issue.message), issue.message).toBe(true);
  });

  it('gives every zod check a field code with the limits as params', () => {
    const missing = ClientInput.safeParse({}).error!.issues.find((i) => i.path[0] === 'name')!;
    expect(fieldIssueOf({ ...missing })).toEqual({ code: 'field.required' });
    const short = ClientInput.shape.notes.safeParse('x'.repeat(501)).error!.issues[0]!;
    expect(fieldIssueOf({ ...short })).toEqual({ code: 'field.max_chars', params: { n: 500 } });
    const empty = ClientInput.shape.categories.safeParse([]).error!.issues[0]!;
    expect(fieldIssueOf({ ...empty })).toEqual({ code: 'field.min_items', params: { n: 1 } });
    expect(fieldIssueOf({ ...DateOnly.safeParse('2026-02-30').error!.issues[0]! })).toEqual({
      code: 'field.date_invalid',
    });
  });
});
