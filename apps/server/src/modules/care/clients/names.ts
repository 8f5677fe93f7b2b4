import { pinyin } from 'pinyin-pro';

/**
 * Pinyin keys for name search: full pinyin without tones and spaces, and initials. Surname mode reads
 * the first character as a surname (单 → shan, 曾 → zeng). Non-Han characters (·, letters) are dropped from keys.
 */
export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'removed',
    v: true,
  }) as string[];
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
  return { pinyin: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}
