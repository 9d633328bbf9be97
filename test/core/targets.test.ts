import {describe, expect, it} from 'vitest';
import {sourceFor, targetFor} from '../../source/core/targets.js';

const rules = (names: string[], mappings: Record<string, string> = {}) => ({
  mappings,
  exists: (n: string) => names.includes(n),
});

describe('targetFor', () => {
  it('follows SPEC order: --target, mapping, -long-term, default→mfa, P→P-mfa', () => {
    expect(targetFor('dev', rules([], {dev: 'x'}), 'explicit')).toBe('explicit');
    expect(targetFor('dev', rules([], {dev: 'x'}))).toBe('x');
    expect(targetFor('work-long-term', rules([]))).toBe('work');
    expect(targetFor('default', rules([]))).toBe('mfa');
    expect(targetFor('dev', rules([]))).toBe('dev-mfa');
  });
});

describe('sourceFor', () => {
  it('reverses each rule, only onto profiles that exist', () => {
    expect(sourceFor('work', rules(['work-long-term']))).toBe('work-long-term');
    expect(sourceFor('mfa', rules(['default']))).toBe('default');
    expect(sourceFor('dev-mfa', rules(['dev']))).toBe('dev');
    expect(sourceFor('x', rules(['dev'], {dev: 'x'}))).toBe('dev');
    expect(sourceFor('dev-mfa', rules([]))).toBeUndefined();
    expect(sourceFor('orphan', rules(['default']))).toBeUndefined();
  });
  it('prefers a remembered mapping over conventions', () => {
    expect(sourceFor('mfa', rules(['default', 'other'], {other: 'mfa'}))).toBe('other');
  });
});
