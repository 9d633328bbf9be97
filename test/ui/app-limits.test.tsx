// The whole App at its limits: Esc while a renewal is in flight (the port's call aborted, a late
// answer dropped), a panel the terminal is too short for, narrow terminals.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {fakePorts} from './fixtures.js';
import {frameWhere, frameWith, mount, resize, settle, typeKeys} from './ink-helpers.js';
import {keyBarText} from './keys.js';

afterEach(() => cleanup());

const esc = '\u001B';

describe('Esc while the code is on its way', () => {
  it('aborts the call, shows the fields again at once, and writes nothing when STS answers late', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, 'j', 'r');
    await frameWith(r, 'Renew mfa');
    await typeKeys(r, '123456');
    const sending = await frameWith(r, 'Asking STS');
    expect(sending.split('\n').at(-1)).toBe(keyBarText('renew-sending', 100));
    await frameWhere(r, () => ports.renewCalls.length === 1);
    const signal = ports.renewSignals[0];
    expect(signal?.aborted).toBe(false);
    const loads = ports.loads;

    await typeKeys(r, esc);
    const stopped = await frameWith(r, 'Stopped waiting for STS');
    expect(signal?.aborted).toBe(true);
    expect(stopped.split('\n').at(-1)).toBe(keyBarText('renew-code', 100));

    ports.answerRenew({
      ok: true,
      value: {source: 'default', target: 'mfa', expiresAt: new Date('2026-03-02T00:00:00Z')},
    });
    await settle();
    const after = r.lastFrame() ?? '';
    expect(after).toContain('Stopped waiting for STS');
    expect(after).not.toContain('Renewed');
    expect(ports.loads).toBe(loads);
  });

  it('leaves the signal alone when the answer comes first', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    await typeKeys(r, 'j', 'r', '123456');
    await frameWhere(r, () => ports.renewCalls.length === 1);
    ports.answerRenew({
      ok: true,
      value: {source: 'default', target: 'mfa', expiresAt: new Date('2026-03-02T00:00:00Z')},
    });
    await frameWith(r, 'Renewed mfa');
    expect(ports.renewSignals[0]?.aborted).toBe(false);
  });
});

describe('a renew panel the terminal is too short for', () => {
  it('sends nothing typed where it cannot be seen, and closes on Esc', async () => {
    const ports = fakePorts();
    const r = mount(ports);
    await frameWith(r, 'ops-long-term');
    await resize(r, 80, 12);
    await typeKeys(r, 'j', 'r');
    const hidden = await frameWith(r, 'The renew panel needs');
    expect(hidden.split('\n').at(-1)).toBe(keyBarText('renew-hidden', 80));
    await typeKeys(r, '1', '2', '3', '4', '5', '6', '\r', 'd', '\t');
    expect(ports.renewCalls).toHaveLength(0);
    await typeKeys(r, esc);
    await frameWhere(r, (f) => !f.includes('The renew panel needs'));
    await resize(r, 80, 24);
    const frame = await frameWith(r, 'ops-long-term');
    expect(frame).not.toContain('Renew mfa');
    expect(ports.renewCalls).toHaveLength(0);
  });
});

describe('a narrow terminal', () => {
  const rowOf = (frame: string, name: string) =>
    frame.split('\n').find((l) => new RegExp(`^.[* ]${name}\\s`).test(l)) ?? '';

  it('shortens the kinds and devices before the names and expiries (80 and 60 columns)', async () => {
    const r = mount(fakePorts());
    await frameWith(r, 'ops-long-term');
    await resize(r, 80, 24);
    let frame = await frameWhere(r, (f) => f.split('\n')[0]!.length <= 80);
    expect(rowOf(frame, 'default')).toMatch(/^.[* ]default\s+long-term keys\s+LT01\s+mfa\/alice\s/);
    expect(rowOf(frame, 'ops-long-term')).toMatch(/^.[* ]ops-long-term\s+long-term keys\s/);
    expect(rowOf(frame, 'mfa')).toMatch(/MFA session\s+ON02\s/);
    expect(rowOf(frame, 'ops')).toContain('expired 3h 00m ago');

    await resize(r, 60, 24);
    frame = await frameWhere(r, (f) => !f.includes('long-term keys'));
    expect(rowOf(frame, 'default')).toMatch(/^.[* ]default\s+long-term\s+LT01\s+mfa/);
    expect(rowOf(frame, 'mfa')).toMatch(/^.[* ]mfa\s+session\s+ON02\s/);
    expect(rowOf(frame, 'admin')).toMatch(/^.[* ]admin\s+role\s/);
    expect(rowOf(frame, 'ops')).toMatch(/^.[* ]ops\s+session\s.*expired 3h 00m ago$/);
    expect(frame).toMatch(/PROFILE\s+KIND\s/);
  });
});
