/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character alphabet (digits and
 * capital letters without I, O, Z, S, V). Character 1 is the registration authority, 2 the kind of body, 3–8 the
 * administrative division, 9–17 the organisation code and 18 a check character: with the weights 3^(i-1) mod 31, the
 * check character's value is 31 − (Σ value × weight mod 31), where 31 stands for 0.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters of a code, or null when they are not of the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem = 'format' | 'check';

/** Why a code is not a valid USCC (its shape, or its check character), or null when it is valid. */
export function usccProblem(code: string): UsccProblem | null {
  if (!SHAPE.test(code)) return 'format';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** A code as people type it: trimmed, upper case, without inner spaces. */
export function normaliseUscc(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
