/** Masking for display. Table-driven tests live beside this file. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * ID numbers keep the first 3 characters and the check character only (F4). The area digits follow from where the
 * person lives and the birth date is shown to some users, so showing the last four as well left only nothing to guess;
 * now the three sequence digits stay hidden (a thousand candidates, and exact lookups are rationed and audited).
 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 4)}${id.slice(-1)}`;
}

/** Names on lists: keep the surname, mask the rest (张三丰 → 张**; 阿依·木 → 阿***). */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}
