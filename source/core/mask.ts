/** The last 4 characters of a key id, the only part of a key ever shown outside `env` and `credential-process`. */
export function last4(accessKeyId: string | undefined): string | undefined {
  return accessKeyId ? accessKeyId.slice(-4) : undefined;
}

/** True for temporary (session) key ids; GetSessionToken refuses to be signed with these. */
export function isSessionKeyId(accessKeyId: string | undefined): boolean {
  return !!accessKeyId && accessKeyId.startsWith('ASIA');
}
