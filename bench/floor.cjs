// The floor under `mfa-tui list --json` on this machine: a Node program that only does its I/O.
// It reads the two AWS files as list does (one read each, decoded to a string) and writes as many
// bytes to stdout as list wrote, and does nothing else: no parsing, no profiles, no JSON. Whatever
// list costs beyond this is its own work; this much any Node implementation would pay.
//
//   node bench/floor.cjs CREDENTIALS_FILE CONFIG_FILE BYTES
'use strict';
const fs = require('node:fs');

const [credentials, config, bytes] = process.argv.slice(2);
let read = 0;
for (const file of [credentials, config]) read += fs.readFileSync(file, 'latin1').length;
const out = Buffer.alloc(Number(bytes), 0x20);
for (let at = 0; at < out.length;) at += fs.writeSync(1, out, at);
if (read === 0) process.exitCode = 1;
