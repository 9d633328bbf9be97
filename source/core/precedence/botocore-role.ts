// botocore's assume-role provider: where a role profile's source credentials come from
// (source_profile, possibly through other roles, or credential_source), failing as botocore does.
import {absent, assumes, fails, type Probe} from './chain.js';
import {noIdentity, type WinnerIdentity} from './identity.js';
import {CANONICAL_SOURCES, has} from './snapshot.js';
import type {BotocoreModel} from './botocore.js';

type RoleSource = {ok: true; via: WinnerIdentity} | {ok: false; reason: string};

/** An assume-role profile's credential_source, failing as botocore does. */
function credentialSource(m: BotocoreModel, cs: string, profile: string): RoleSource {
  if (!CANONICAL_SOURCES.includes(cs)) {
    return {
      ok: false,
      reason: `The credential source "${cs}" referenced in profile "${profile}" is not valid.`,
    };
  }
  const probe =
    cs === 'Environment'
      ? m.envProbe(false)
      : cs === 'EcsContainer'
        ? m.containerProbe()
        : m.imdsProbe();
  if (probe.state === 'ok') return {ok: true, via: probe.identity};
  if (probe.state === 'hard') return {ok: false, reason: probe.reason};
  return {
    ok: false,
    reason: `Error when retrieving credentials from ${cs}: No credentials found in credential_source referenced in profile ${profile}`,
  };
}

/** Resolves where an assume-role profile's source credentials come from, failing as botocore does. */
function roleSource(m: BotocoreModel, profile: string, visited: string[]): RoleSource {
  const p = m.merged(profile)!;
  const {source_profile: sp, credential_source: cs} = p;
  const fail = (reason: string): RoleSource => ({ok: false, reason});
  if (sp !== undefined && cs !== undefined)
    return fail(`The profile "${profile}" contains both source_profile and credential_source.`);
  if (cs !== undefined) return credentialSource(m, cs, profile);
  if (sp === undefined) {
    return fail(
      'Partial credentials found in assume-role, missing: source_profile or credential_source',
    );
  }
  const src = m.merged(sp);
  if (!src)
    return fail(
      `The source_profile "${sp}" referenced in the profile "${profile}" does not exist.`,
    );
  const hasStatic = has(src, 'aws_access_key_id') || has(src, 'aws_secret_access_key');
  if (visited.includes(sp) && (sp !== profile || !hasStatic)) {
    return fail(
      `Infinite loop in credential configuration detected. Attempting to load from profile ${sp} which has already been visited. Visited profiles: ${visited.join(', ')}`,
    );
  }
  visited.push(sp);
  const isRole = has(src, 'role_arn') && !has(src, 'web_identity_token_file');
  if (hasStatic || !isRole) {
    for (const [, probe] of m.profileLinks(sp, true)) {
      if (probe.state === 'ok') return {ok: true, via: probe.identity};
      if (probe.state === 'hard' || probe.state === 'soft') return fail(probe.reason);
    }
    return fail(`The source profile "${sp}" must have credentials.`);
  }
  const inner = roleSource(m, sp, visited);
  if (!inner.ok) return inner;
  return {
    ok: true,
    via: {...noIdentity('assume-role', sp, src.role_arn), via: inner.via},
  };
}

export function assumeRoleProbe(m: BotocoreModel, profile: string): Probe {
  const p = m.merged(profile);
  if (!p || !has(p, 'role_arn')) return absent('no role_arn');
  if (has(p, 'web_identity_token_file'))
    return absent('role_arn is used with web_identity_token_file instead');
  const source = roleSource(m, profile, [profile]);
  const identity = noIdentity('assume-role', profile, p.role_arn);
  if (!source.ok) return fails(source.reason, identity);
  const mfa = has(p, 'mfa_serial')
    ? `; prompts for an MFA code for ${p.mfa_serial} unless a cached session is valid`
    : '';
  return assumes(identity, source.via, mfa);
}
