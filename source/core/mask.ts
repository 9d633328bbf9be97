/** The last 4 characters of a key id, the only part of a key ever shown outside `env` and `credential-process`. */
export function last4(accessKeyId: string | undefined): string | undefined {
  return accessKeyId ? accessKeyId.slice(-4) : undefined;
}

/** A key id as people see it: `…` and its last 4 characters. */
export const masked = (accessKeyId: string): string => `…${last4(accessKeyId) ?? ''}`;

/** True for temporary (session) key ids; GetSessionToken refuses to be signed with these. */
export function isSessionKeyId(accessKeyId: string | undefined): boolean {
  return !!accessKeyId && accessKeyId.startsWith('ASIA');
}

/** Removes anything that looks like a credential from text we did not write (defence in depth). */
export function redact(text: string): string {
  return text
    .replace(/\b(A[SK]IA[A-Z0-9]{12})([A-Z0-9]{4})\b/g, '****************$2')
    .replace(/\b[A-Za-z0-9/+]{40}\b/g, '[redacted]')
    .replace(/\b[A-Za-z0-9/+=]{100,}/g, '[redacted]');
}
