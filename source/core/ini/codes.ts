// The one vocabulary of INI problems: what the diagnostics (diagnose.ts) and the precedence
// engine's explanations (precedence/lint.ts) both call the lines where readers disagree.

/** A reader of the files whose verdict a diagnostic reports. */
export type IniParser = 'botocore' | 'js-sdk';

export type IniDiagnosticCode =
  /** botocore refuses the file */
  | 'bom'
  | 'duplicate-section'
  | 'duplicate-key'
  | 'outside-section'
  | 'invalid-line'
  | 'empty-key-name'
  | 'nested-without-equals'
  /** the JS SDK refuses the file */
  | 'js-refuses-file'
  /** read differently */
  | 'default-section'
  | 'profile-defined-twice'
  | 'lone-cr'
  | 'section-not-read'
  | 'profile-name-differs'
  | 'section-name-differs'
  | 'colon-delimiter'
  | 'uppercase-key'
  | 'inline-comment'
  | 'empty-value'
  | 'multi-line-value'
  | 'indented-section'
  | 'js-subsection'
  | 'empty-profile'
  | 'js-reads-differently'
  /** only the Go SDK reads it differently (it unquotes values) */
  | 'quoted-value';

/**
 * A problem on one line. `error`: a parser refuses the whole file. `warning`: a parser reads it,
 * but drops something or reads it differently from the other. Messages never quote values.
 */
export type IniDiagnostic = {
  /** 1-based. */
  line: number;
  severity: 'error' | 'warning';
  parsers: IniParser[];
  code: IniDiagnosticCode;
  message: string;
  section?: string;
  key?: string;
  /** 1-based line this one refers to: the first of a repeated section or key, a nested line's key. */
  related?: number;
};

const BOTH: IniParser[] = ['botocore', 'js-sdk'];
const REFUSED_BY: Partial<Record<IniDiagnosticCode, IniParser[]>> = {
  bom: ['botocore'],
  'duplicate-section': ['botocore'],
  'duplicate-key': ['botocore'],
  'outside-section': BOTH,
  'invalid-line': BOTH,
  'empty-key-name': BOTH,
  'nested-without-equals': BOTH,
  'js-refuses-file': ['js-sdk'],
};

/** How bad a code is and which readers it concerns: errors are refusals, the rest JS SDK warnings. */
export function verdictOf(code: IniDiagnosticCode): Pick<IniDiagnostic, 'severity' | 'parsers'> {
  const refused = REFUSED_BY[code];
  if (refused) return {severity: 'error', parsers: refused};
  const both = code === 'default-section' || code === 'profile-defined-twice';
  return {severity: 'warning', parsers: both ? BOTH : ['js-sdk']};
}
