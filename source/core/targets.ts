// Which profile a renewal reads long-term keys from (source) and writes the session into (target).

export type TargetRules = {
  /** Remembered source → target mappings from settings. */
  mappings: Record<string, string>;
  /** Whether a profile of that name exists in either file. */
  exists: (name: string) => boolean;
};

/** The target for a source, first match: --target; the remembered mapping; aws-mfa's `X-long-term` → `X`; `default` → `mfa`; `P` → `P-mfa`. */
export function targetFor(source: string, rules: TargetRules, explicit?: string): string {
  if (explicit) return explicit;
  const mapped = rules.mappings[source];
  if (mapped) return mapped;
  if (source.endsWith('-long-term') && source.length > '-long-term'.length) {
    return source.slice(0, -'-long-term'.length);
  }
  return source === 'default' ? 'mfa' : `${source}-mfa`;
}

/** The source of a target by the reverse rules; only profiles that exist qualify. */
export function sourceFor(target: string, rules: TargetRules): string | undefined {
  for (const [source, mapped] of Object.entries(rules.mappings)) {
    if (mapped === target && source !== target && rules.exists(source)) return source;
  }
  const candidates = [`${target}-long-term`];
  if (target === 'mfa') candidates.push('default');
  if (target.endsWith('-mfa') && target.length > 4) candidates.push(target.slice(0, -4));
  return candidates.find((name) => rules.exists(name));
}
