// The one shlex splitter against Python's own shlex.split (botocore's), when python3 is there (it
// comes with the AWS CLI that CI installs).
import {execFileSync} from 'node:child_process';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {shlexSplit, shlexWords} from '../../source/core/shlex.js';
import {directStart} from '../../source/core/precedence/process-line.js';

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'import shlex'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

/** Python's answer for each line: its words, or null when shlex raises. */
function pythonSplit(lines: string[]): (string[] | null)[] {
  const script =
    'import json,shlex,sys\nout=[]\nfor s in json.load(sys.stdin):\n' +
    '  try: out.append(shlex.split(s))\n  except ValueError: out.append(None)\nprint(json.dumps(out))';
  return JSON.parse(
    execFileSync('python3', ['-c', script], {input: JSON.stringify(lines)}).toString(),
  );
}

const tricky = [
  'profile foo',
  'profile  "foo bar"',
  "profile 'a b'c",
  'a\\ b "c\\"d" \'e\\f\'',
  "tool 'open",
  'tool "open',
  'ends with \\',
  'a\vb',
  'a\fb',
  'a\u00a0b',
  "x '' y",
  'p\t"q\\\\r"\r\ns',
  '"a\\nb"',
];

describe.skipIf(!python)('shlexSplit is Python’s shlex.split', () => {
  it('on lines chosen for their quotes, escapes and white space', () => {
    const ours = tricky.map((s) => shlexSplit(s) ?? null);
    expect(ours).toEqual(pythonSplit(tricky));
  });

  it('on random lines of quotes, backslashes, spaces and other white space', () => {
    const alphabet = fc.constantFrom(...'ab \t\r\n\v\f\u00a0\'"\\|;&'.split(''));
    const lines = fc.sample(
      fc.array(alphabet, {maxLength: 16}).map((a) => a.join('')),
      2000,
    );
    const ours = lines.map((s) => shlexSplit(s) ?? null);
    expect(ours).toEqual(pythonSplit(lines));
  });
});

it('marks a word quoted when any part of it is quoted or escaped', () => {
  expect(shlexWords(`a '|' b\\; "c"d e`)).toEqual([
    {text: 'a', quoted: false},
    {text: '|', quoted: true},
    {text: 'b;', quoted: true},
    {text: 'cd', quoted: true},
    {text: 'e', quoted: false},
  ]);
});

it('botocore starts the program shlex names: a vertical tab does not split it', () => {
  expect(directStart('tool\va')).toEqual({program: 'tool\va'});
  expect(directStart('tool a | b')).toEqual({program: 'tool', operator: '|'});
});
