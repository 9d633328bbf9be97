// Reads both AWS files once into what commands and the TUI need.
import {listSections, type IniDiagnostic, type IniFileKind} from '../core/ini.js';
import type {FileSection} from '../core/profiles.js';
import {ok, type Result} from '../core/errors.js';
import {readAwsFile} from './aws-files.js';
import {awsPaths} from './paths.js';

export type LoadedFile = {
  kind: IniFileKind;
  path: string;
  exists: boolean;
  text: string;
  /** File mode bits, when the file exists. */
  mode?: number;
  sections: FileSection[];
  /** All sections, profiles or not (e.g. `services x`), header → keys. */
  otherSections: Map<string, Record<string, string>>;
  diagnostics: IniDiagnostic[];
};

export type AwsState = {credentials: LoadedFile; config: LoadedFile};

/** Loads one file; a missing file is an empty one. */
export async function loadFile(path: string, kind: IniFileKind): Promise<Result<LoadedFile>> {
  const read = await readAwsFile(path, kind);
  if (!read.ok) return read;
  const sections: FileSection[] = [];
  const otherSections = new Map<string, Record<string, string>>();
  for (const s of listSections(read.value.doc, kind)) {
    if (s.profile !== undefined) sections.push({profile: s.profile, keys: s.keys, line: s.line});
    else otherSections.set(s.header, {...otherSections.get(s.header), ...s.keys});
  }
  return ok({
    kind,
    path,
    exists: read.value.exists,
    text: read.value.text,
    mode: read.value.mode,
    sections,
    otherSections,
    diagnostics: read.value.diagnostics,
  });
}

/** Loads the credentials and config files named by the environment. */
export async function loadAwsState(env: NodeJS.ProcessEnv): Promise<Result<AwsState>> {
  const paths = awsPaths(env);
  const [credentials, config] = await Promise.all([
    loadFile(paths.credentialsFile, 'credentials'),
    loadFile(paths.configFile, 'config'),
  ]);
  if (!credentials.ok) return credentials;
  if (!config.ok) return config;
  return ok({credentials: credentials.value, config: config.value});
}
