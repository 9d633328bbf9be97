// How a credential_process command line is started: split like Python's shlex and run without a
// shell (botocore), or handed to `sh -c` (the JS and Go SDKs). Pure: the programs it names are
// looked up on PATH by the caller.
import {shlexWords} from '../shlex.js';

/** What a line starts when run without a shell: its program, or why it cannot start. */
export type DirectStart =
  | {program: string; operator?: string}
  | {program?: undefined; problem: 'no-closing-quotation' | 'empty'};

/** The programs `sh -c` would start for a line, or `unknown` when the line uses more of sh than is modelled. */
export type ShellStart = {programs: string[]} | {programs: 'unknown'};

const OPERATOR = /^(\|\|?|&&?|;|\d*[<>]>?.*)$/;

/** What botocore starts for a line: argv[0] after shlex, and an unquoted shell operator it would pass as an argument. */
export function directStart(line: string): DirectStart {
  const words = shlexWords(line);
  if (!words) return {problem: 'no-closing-quotation'};
  if (words.length === 0) return {problem: 'empty'};
  const operator = words.slice(1).find((w) => !w.quoted && OPERATOR.test(w.text));
  return {program: words[0].text, ...(operator ? {operator: operator.text} : {})};
}

/** sh's builtins and keywords: found without a PATH lookup. */
const SHELL_BUILTINS = new Set(
  (
    '. : [ alias bg break cd command continue echo eval exec exit export false fg getopts hash ' +
    'jobs kill local printf pwd read readonly return set shift test times trap true type ulimit ' +
    'umask unalias unset wait'
  ).split(' '),
);
const KEYWORDS = new Set('if then else elif fi for while until do done case esac ! { }'.split(' '));
const UNMODELLED = /[$`()<>*?[~#\n{}]/;

/** The programs `sh -c line` starts: the first word of each command of a list or pipeline. */
export function shellStart(line: string): ShellStart {
  const unquoted = line.replace(/'[^']*'|"(?:\\.|[^"\\])*"/g, '');
  if (UNMODELLED.test(unquoted) || unquoted.includes('\\')) return {programs: 'unknown'};
  const programs: string[] = [];
  for (const command of splitCommands(line)) {
    const words = shlexWords(command);
    if (!words) return {programs: 'unknown'};
    const first = words.find((w) => w.quoted || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
    if (!first) continue;
    if (!first.quoted && KEYWORDS.has(first.text)) return {programs: 'unknown'};
    if (first.quoted || !SHELL_BUILTINS.has(first.text)) programs.push(first.text);
  }
  return {programs};
}

/** The line cut at unquoted `|`, `||`, `&&`, `;` and `&`. */
function splitCommands(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '|' || c === '&' || c === ';') {
      out.push(line.slice(start, i));
      if (line[i + 1] === c) i++;
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out;
}

/** Every program word a line names, in either way of starting it: what the caller looks up on PATH. */
export function programsOf(line: string): string[] {
  const direct = directStart(line);
  const shell = shellStart(line);
  const words = [
    ...(direct.program !== undefined ? [direct.program] : []),
    ...(shell.programs === 'unknown' ? [] : shell.programs),
  ];
  return [...new Set(words)];
}
