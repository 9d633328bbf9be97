// How old a long-term access key is (from IAM's creation time), and whether it is due for rotation.

export type KeyAge = {createdAt: Date; days: number; old: boolean};

const day = 24 * 60 * 60 * 1000;

/** The age of a key made at `createdAt` (whole days), and whether it is past `thresholdDays`. */
export function keyAge(createdAt: Date, now: Date, thresholdDays: number): KeyAge {
  const days = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / day));
  return {createdAt, days, old: days >= thresholdDays};
}

/** When a key id was made, if IAM has been asked about it (own entries only). */
export function rememberedKeyDate(
  accessKeyId: string,
  remembered: Record<string, string> | undefined,
): Date | undefined {
  const at =
    remembered && Object.hasOwn(remembered, accessKeyId) ? remembered[accessKeyId] : undefined;
  const date = at === undefined ? undefined : new Date(at);
  // A hand-edited settings file may hold a non-date: no age rather than "NaNd".
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** The short age shown in tables: `12d`, or `120d old` past the threshold. */
export function keyAgeText(age: KeyAge | undefined): string {
  if (!age) return '';
  return age.old ? `${age.days}d old` : `${age.days}d`;
}

/** The remembered creation times after IAM listed a user's keys: listed ids set, `gone` ids dropped. */
export function rememberKeyDates(
  remembered: Record<string, string> | undefined,
  listed: {accessKeyId: string; createdAt?: Date}[],
  gone: string[] = [],
): Record<string, string> {
  const next: Record<string, string> = Object.assign(Object.create(null), remembered);
  for (const k of listed) if (k.createdAt) next[k.accessKeyId] = k.createdAt.toISOString();
  for (const id of gone) delete next[id];
  return next;
}
