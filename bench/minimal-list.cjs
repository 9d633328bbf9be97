// A minimal `list --json` in Node, for scale: roughly the least parsing work a listing of these
// files takes on this machine. It is not a competitor and not correct: one regular expression per
// file, no continuation lines or nested blocks, CRLF line ends kept in values, no checks of any
// kind (a broken file gives a wrong answer, never an error), a crude kind, and the JSON written by
// string concatenation. It reads the files as list does (one read each, as Latin-1) and writes the
// same shape of output. What `list` costs beyond it is the price of being right; what it costs
// beyond the floor (bench/floor.cjs) is roughly what any parse of these files costs.
//
//   node --no-turbofan --semi-space-growth-factor=1 bench/minimal-list.cjs CREDENTIALS CONFIG
//   (the V8 flags `list` sets for itself at run time: both made this script faster, see jit.ts)
'use strict';
const fs = require('node:fs');

const [credentialsFile, configFile] = process.argv.slice(2);
// A header, or `key = value`; comments and blank lines match neither alternative.
const line =
  /^[ \t]*(?:\[([^\]\n]*)\][^\n]*|([^=\n#;[ \t][^=\n]*?)[ \t]*=[ \t]*([^\n]*?)[ \t]*)$/gm;
const profiles = new Map();

function scan(text, isConfig) {
  let keys;
  line.lastIndex = 0;
  for (let m = line.exec(text); m !== null; m = line.exec(text)) {
    if (m[1] === undefined) {
      if (keys !== undefined) keys[m[2]] = m[3];
      continue;
    }
    let name = m[1];
    if (isConfig) {
      if (name.startsWith('profile ')) name = name.slice(8);
      else if (name !== 'default') {
        keys = undefined;
        continue;
      }
    }
    keys = profiles.get(name);
    if (keys === undefined) profiles.set(name, (keys = {}));
  }
}

scan(fs.readFileSync(credentialsFile, 'latin1'), false);
scan(fs.readFileSync(configFile, 'latin1'), true);

const now = Date.now();
const str = (s) => (s === undefined ? 'null' : JSON.stringify(s));
let out = '{\n  "profiles": [\n';
let first = true;
for (const [name, k] of profiles) {
  const kind = k.role_arn
    ? 'role'
    : k.sso_session || k.sso_start_url
      ? 'sso'
      : k.credential_process
        ? 'process'
        : k.aws_session_token
          ? 'session'
          : k.aws_access_key_id
            ? 'long-term'
            : 'settings';
  const expires = k.expiration ? Date.parse(`${k.expiration.replace(' ', 'T')}Z`) : NaN;
  const dated = !Number.isNaN(expires);
  out +=
    `${first ? '' : ',\n'}    {\n      "name": ${str(name)},\n      "kind": "${kind}",\n` +
    `      "accessKeyIdLast4": ${str(k.aws_access_key_id?.slice(-4))},\n` +
    `      "mfaSerial": ${str(k.mfa_serial)},\n      "source": ${str(k.source_profile)},\n` +
    `      "target": null,\n      "expiresAt": ${dated ? `"${new Date(expires).toISOString()}"` : 'null'},\n` +
    `      "state": "${dated ? (expires > now ? 'valid' : 'expired') : kind}",\n      "active": false\n    }`;
  first = false;
  if (out.length > 65536) {
    fs.writeSync(1, out);
    out = '';
  }
}
fs.writeSync(1, `${out}\n  ]\n}\n`);
