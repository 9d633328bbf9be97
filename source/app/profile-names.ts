// Profile names for shell completion: the sections of both files, nothing else worked out.
import {loadAwsState} from '../store/aws-state.js';

/** Every profile name of the credentials and config files, once each, in file order. */
export async function profileNames(env: NodeJS.ProcessEnv): Promise<string[]> {
  const state = await loadAwsState(env);
  if (!state.ok) return [];
  const names = new Set<string>();
  for (const file of [state.value.credentials, state.value.config]) {
    for (const s of file.sections) names.add(s.profile);
  }
  return [...names];
}
