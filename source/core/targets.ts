// Which profile a renewal reads long-term keys from (source) and writes the session into (target).

export type TargetRules = {
  /** Remembered source → target mappings from settings. */
  mappings: Record<string, string>;
  /** Whether a profile of that name exists in either file. */
  exists: (name: string) => boolean;
};

export type Link = {name: string; why: string};

/** The target for a source, first match: --target; the remembered mapping; aws-mfa's `X-long-term` → `X`; `default` → `mfa`; `P` → `P-mfa`. */
export function targetFor(source: string, rules: TargetRules, explicit?: string): Link {
  if (explicit) return {name: explicit, why: '--target'};
  const mapped = rules.mappings[source];
  if (mapped) return {name: mapped, why: 'remembered in settings'};
  if (source.endsWith('-long-term') && source.length > '-long-term'.length) {
    return {
      name: source.slice(0, -'-long-term'.length),
      why: 'aws-mfa convention (X-long-term → X)',
    };
  }
  if (source === 'default') return {name: 'mfa', why: 'default → mfa'};
  return {name: `${source}-mfa`, why: 'P → P-mfa'};
}

/** The source of a target by the reverse rules; only profiles that exist qualify. */
export function sourceFor(target: string, rules: TargetRules): Link | undefined {
  for (const [source, mapped] of Object.entries(rules.mappings)) {
    if (mapped === target && source !== target && rules.exists(source)) {
      return {name: source, why: 'remembered in settings'};
    }
  }
  const candidates: Link[] = [
    {name: `${target}-long-term`, why: 'aws-mfa convention (X-long-term → X)'},
  ];
  if (target === 'mfa') candidates.push({name: 'default', why: 'default → mfa'});
  if (target.endsWith('-mfa') && target.length > 4) {
    candidates.push({name: target.slice(0, -4), why: 'P → P-mfa'});
  }
  return candidates.find((c) => rules.exists(c.name));
}
