// Keeping a discovered MFA device: `mfa_serial` in the source's config profile, a lossless edit.
import {ok, type Result} from '../core/errors.js';
import {findProfileSection, profileHeader, setKeys} from '../core/ini/index.js';
import {editAwsFile} from './aws-edit.js';

/** Sets `mfa_serial = SERIAL` in the profile's config section (added at the end when missing). */
export async function saveMfaSerial(
  configFile: string,
  profile: string,
  serial: string,
): Promise<Result<{file: string; header: string; changed: boolean}>> {
  let header = profileHeader('config', profile);
  const written = await editAwsFile(configFile, 'config', (doc) => {
    // An existing section may be spelt differently (`[profile  name]`): edit the one botocore reads.
    header = findProfileSection(doc, 'config', profile) ?? profileHeader('config', profile);
    return setKeys(doc, header, {mfa_serial: serial});
  });
  if (!written.ok) return written;
  return ok({file: configFile, header, changed: written.value.changed});
}
