// How a key id is shown: its last 4 characters only, after `…`.
import {describe, expect, it} from 'vitest';
import {last4, masked} from '../../source/core/mask.js';

describe('masked', () => {
  it('shows `…` and the last 4 characters of a key id, nothing more', () => {
    expect(masked('AKIAIOSFODNN7EXAMPLE')).toBe('…MPLE');
    expect(last4('AKIAIOSFODNN7EXAMPLE')).toBe('MPLE');
  });

  it('an empty key id is an empty tail', () => {
    expect(masked('')).toBe('…');
    expect(last4('')).toBeUndefined();
  });
});
