/**
 * Why the session was lost (an ErrorCode such as 'auth.session_expired'), so the login page can say so.
 * In memory only; read once by the next login page.
 */
let pendingCode: string | null = null;

export function setSessionLostCode(code: string): void {
  pendingCode = code;
}

export function peekSessionLostCode(): string | null {
  return pendingCode;
}

export function clearSessionLostCode(): void {
  pendingCode = null;
}
