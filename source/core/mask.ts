/** The last 4 characters of a key id, the only part of a key ever shown outside `env` and `credential-process`. */
export function last4(accessKeyId: string | undefined): string | undefined {
  if (!accessKeyId) return undefined;
  return accessKeyId.slice(-4);
}

/** A key as the AWS CLI shows it: 16 asterisks then the last 4 characters. */
export function maskKey(accessKeyId: string | undefined): string {
  const tail = last4(accessKeyId);
  return tail ? `${'*'.repeat(16)}${tail}` : '';
}

/** True for temporary (session) key ids; GetSessionToken refuses to be signed with these. */
export function isSessionKeyId(accessKeyId: string | undefined): boolean {
  return !!accessKeyId && accessKeyId.startsWith('ASIA');
}
