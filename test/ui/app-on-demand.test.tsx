import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {frameWith, mount, resize, typeKeys} from './ink-helpers.js';
import {fakePorts, sampleConfig} from './fixtures.js';

afterEach(() => cleanup());

const rowOf = (frame: string, name: string) =>
  frame.split('\n').find((l) => new RegExp(`^.[* ]${name}\\s`).test(l)) ?? '';

const config = `${sampleConfig}
[profile auto]
credential_process = mfa-tui credential-process mfa --renew

[profile plain-process]
credential_process = /usr/local/bin/get-creds
`;

describe('a profile that renews on demand', () => {
  it('carries the marker in its kind cell; another credential_process does not', async () => {
    const r = mount(fakePorts({config}));
    const frame = await frameWith(r, 'plain-process');
    expect(rowOf(frame, 'auto')).toMatch(/^. auto\s+process ↻(\s|$)/);
    expect(rowOf(frame, 'plain-process')).toMatch(/^. plain-process\s+process(\s|$)/);
    expect(rowOf(frame, 'plain-process')).not.toContain('↻');
  });

  it('keeps the marker at 60 columns, where kinds take their short labels', async () => {
    const r = mount(fakePorts({config}));
    await frameWith(r, 'plain-process');
    await resize(r, 60, 30);
    // The device column shrinks to its title's first letters once the frame is 60 wide.
    const frame = await frameWith(r, 'MFA …');
    expect(rowOf(frame, 'auto')).toMatch(/^. auto\s+process ↻(\s|$)/);
  });

  it('says on Enter that it renews itself when a client asks', async () => {
    const r = mount(fakePorts({config}));
    await frameWith(r, 'plain-process');
    await typeKeys(r, '/', 'a', 'u', 't', 'o', '\r', '\r');
    const frame = await frameWith(r, 'Renew auto');
    expect(frame.replace(/[│\s]+/g, ' ')).toContain(
      'auto renews its MFA session itself whenever a client asks it for credentials',
    );
    expect(frame).not.toContain('no long-term access keys');
  });
});
