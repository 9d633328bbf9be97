import {describe, expect, it} from 'vitest';
import {
  exportFormatOf,
  exportLine,
  exportVariables,
  processJson,
} from '../../source/core/export-formats.js';
import {UnquotableValueError} from '../../source/core/shell.js';

describe('export formats', () => {
  it('knows the AWS CLI’s names, the shells that mean env, and --shell’s old names', () => {
    expect(exportFormatOf('env-no-export')).toBe('env-no-export');
    expect(['bash', 'zsh', 'sh'].map(exportFormatOf)).toEqual(['env', 'env', 'env']);
    expect(exportFormatOf('cmd')).toBe('windows-cmd');
    expect(exportFormatOf('tcsh')).toBeUndefined();
    expect(exportFormatOf('toString')).toBeUndefined();
  });

  it('writes the AWS CLI’s line when the value needs no quoting, and quotes it otherwise', () => {
    expect(exportLine('env', 'AWS_SESSION_TOKEN', 'a+b/c=')).toBe(
      'export AWS_SESSION_TOKEN=a+b/c=',
    );
    expect(exportLine('powershell', 'X', 'a/b')).toBe('$Env:X="a/b"');
    expect(exportLine('windows-cmd', 'X', 'a/b')).toBe('set X=a/b');
    expect(exportLine('env', 'X', 'a b$(c)')).toBe("export X='a b$(c)'");
    expect(exportLine('powershell', 'X', 'a"$b')).not.toContain('"a"$b"');
  });

  it('refuses a value a format cannot carry, rather than writing a broken line', () => {
    expect(() => exportLine('windows-cmd', 'X', '50%')).toThrow(UnquotableValueError);
    expect(() => exportLine('env-no-export', 'X', 'a\nB=c')).toThrow(UnquotableValueError);
    expect(exportLine('env', 'X', 'a\nB=c')).toBe("export X='a\nB=c'");
  });

  it('leaves out the token and expiry a long-term key has not', () => {
    const keys = {accessKeyId: 'AKIA', secretAccessKey: 's'};
    expect(exportVariables(keys).map(([n]) => n)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ]);
    expect(processJson(keys)).toEqual({Version: 1, AccessKeyId: 'AKIA', SecretAccessKey: 's'});
    const session = {
      accessKeyId: 'ASIA',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: new Date('2030-01-02T03:04:05Z'),
    };
    expect(Object.keys(processJson(session))).toEqual([
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ]);
    expect(processJson(session).Expiration).toBe('2030-01-02T03:04:05Z');
  });
});
