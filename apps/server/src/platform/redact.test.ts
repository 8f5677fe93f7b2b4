import { describe, expect, it } from 'vitest';
import { logSerializers, redactText } from './redact';

describe('redaction of identifiers in free text (F9)', () => {
  it('masks ID and mobile numbers wherever they appear, and drops SQL parameters', () => {
    const text =
      'filter q=11010519491231002X phone 13812345678 old id 110105491231002; keep 2026-03-02 and 510107001001';
    const out = redactText(text);
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('110105491231002');
    expect(out).toContain('110**************X');
    expect(out).toContain('138****5678');
    // Area codes (12 digits) and dates are not personal data and stay readable.
    expect(out).toContain('510107001001');
    expect(out).toContain('2026-03-02');
    expect(redactText('Failed query: select * from clients where phone_bidx = $1\nparams: abc,13812345678')).toBe(
      'Failed query: select * from clients where phone_bidx = $1\nparams: [redacted]',
    );
  });

  it('keeps personal data out of the logged request line and errors', () => {
    expect(logSerializers.req({ method: 'GET', url: '/api/care/clients?q=13812345678' }).url).toBe(
      '/api/care/clients?q=138****5678',
    );
    const error = Object.assign(new Error('Failed query: insert into x values ($1)\nparams: 11010519491231002X'), {
      detail: 'Key (phone)=(13812345678) exists',
    });
    const logged = JSON.stringify(logSerializers.err(error));
    expect(logged).not.toContain('11010519491231002X');
    expect(logged).not.toContain('13812345678');
  });
});
