// Reads both AWS files once into what commands and the TUI need (not through the ini/ index:
// `list` and the first frame need no editing code loaded).
import {diagnose, diagnoseErrors} from '../core/ini/diagnose.js';
import {documentOf, type IniFileKind} from '../core/ini/document.js';
import type {IniDiagnostic} from '../core/ini/codes.js';
import {inheritDefaults, sectionsOf, walkIni} from '../core/ini/sections.js';
import {mergedKeys, mergeSections} from '../core/profile-keys.js';
import type {FileSection} from '../core/profiles.js';
import {ok, type Result} from '../core/errors.js';
import {readAwsText, type AwsText} from './aws-files.js';
import {awsPaths} from './paths.js';

type LoadedFile = AwsText & {
  sections: FileSection[];
  /** The sections that are not profiles (e.g. `services x`), header → keys. */
  otherSections: Map<string, Record<string, string>>;
  /** What makes a parser refuse the file (line order). */
  errors: readonly IniDiagnostic[];
  /** Every diagnostic, warnings too; worked out when first read (slow on a big file). */
  readonly diagnostics: IniDiagnostic[];
};

export type AwsState = {credentials: LoadedFile; config: LoadedFile};

/** Loads one file; a missing file is an empty one. */
export async function loadFile(path: string, kind: IniFileKind): Promise<Result<LoadedFile>> {
  const read = await readAwsText(path);
  if (!read.ok) return read;
  const text = read.value.text;
  const doc = documentOf(text);
  const walk = walkIni(doc);
  const sections: FileSection[] = [];
  const otherSections = new Map<string, Record<string, string>>();
  const all = sectionsOf(walk, kind);
  const defaults = all.find((s) => s.header === 'DEFAULT')?.keys;
  for (const s of all) {
    if (s.profile === undefined) {
      otherSections.set(s.header, {...otherSections.get(s.header), ...s.keys});
    } else if (defaults) {
      const keys = {...s.keys};
      const inherited = inheritDefaults(keys, defaults);
      sections.push({profile: s.profile, line: s.line, keys, inherited});
    } else {
      // An IniSection already has FileSection's fields: no copy per profile.
      sections.push(s as FileSection);
    }
  }
  let diagnostics: IniDiagnostic[] | undefined;
  return ok({
    ...read.value,
    sections,
    otherSections,
    errors: diagnoseErrors(doc, kind, all),
    // From the text: keeping the document would hold every line for a getter seldom read.
    get diagnostics() {
      return (diagnostics ??= diagnose(documentOf(text), kind));
    },
  });
}

/** Loads both files the environment names; `pause` runs between them (the TUI lets a key in). */
export async function loadAwsState(
  env: NodeJS.ProcessEnv,
  pause?: () => Promise<void>,
): Promise<Result<AwsState>> {
  const paths = awsPaths(env);
  // One after the other: the reads are synchronous (readAwsText), so nothing ran side by side.
  const credentials = await loadFile(paths.credentialsFile, 'credentials');
  if (!credentials.ok) return credentials;
  await pause?.();
  const config = await loadFile(paths.configFile, 'config');
  if (!config.ok) return config;
  return ok({credentials: credentials.value, config: config.value});
}

/** `[services NAME]`'s endpoint for `service` (a nested block, read as `sts.endpoint_url`). */
export function servicesKeys(
  state: AwsState,
  name: string | undefined,
  service: 'sts' | 'iam',
): Record<string, string> | undefined {
  if (!name) return undefined;
  const url = state.config.otherSections.get(`services ${name}`)?.[`${service}.endpoint_url`];
  return url ? {endpoint_url: url} : undefined;
}

/** One profile's keys in one file, over its sections (the last value wins). */
export function fileKeys(file: LoadedFile, profile: string): Record<string, string> {
  return mergeSections(file.sections.filter((s) => s.profile === profile)).get(profile) ?? {};
}

/** A profile's keys over both files, as the chain reads them (the credentials file wins). */
export function profileSettings(state: AwsState, profile: string): Record<string, string> {
  return mergedKeys(fileKeys(state.credentials, profile), fileKeys(state.config, profile));
}
