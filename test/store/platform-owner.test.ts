// Node on Windows has no process.geteuid (and its stat reports uid 0 for every file): a write
// there must not read that as a file of another user's. Windows' process is imitated.
import {readFileSync} from 'node:fs';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {setKeys} from '../../source/core/ini/index.js';
import {editAwsFile} from '../../source/store/aws-edit.js';
import {useTestHome} from '../helpers/env.js';

const h = useTestHome();
const saved = {geteuid: process.geteuid, getegid: process.getegid};
beforeEach(() => {
  h.write('credentials', '[mfa]\naws_access_key_id = AKIAOLD\n');
  Object.assign(process, {geteuid: undefined, getegid: undefined});
});
afterEach(() => {
  Object.assign(process, saved);
});

describe('a write where the platform has no uids', () => {
  it('replaces the user’s own file, without an owner to keep', async () => {
    const r = await editAwsFile(h.credentialsFile, 'credentials', (doc) =>
      setKeys(doc, 'mfa', {aws_access_key_id: 'ASIANEW'}),
    );
    expect(r.ok && r.value.changed).toBe(true);
    expect(readFileSync(h.credentialsFile, 'utf8')).toContain('ASIANEW');
  });
});
