// The one vocabulary of INI problems: what the diagnostics (diagnose.ts) call the lines where
// readers disagree, which the precedence engine's explanations (precedence/lint.ts) word.

/** A reader of the files whose verdict a diagnostic reports. */
export type IniParser = 'botocore' | 'js-sdk' | 'go-sdk';

const BOTH: IniParser[] = ['botocore', 'js-sdk'];

/** The codes of lines that make a reader refuse the file, and the readers that refuse it. */
const REFUSED_BY = {
  bom: ['botocore'],
  'duplicate-section': ['botocore'],
  'duplicate-key': ['botocore'],
  'outside-section': BOTH,
  'invalid-line': BOTH,
  'empty-key-name': BOTH,
  'nested-without-equals': BOTH,
  'js-refuses-file': ['js-sdk'],
} satisfies Record<string, IniParser[]>;

export type IniDiagnosticCode =
  | keyof typeof REFUSED_BY
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
  /**
   * 1-based line this one refers to: the first of a repeated section, key or profile, a nested
   * line's key, the first indented line of a multi-line value.
   */
  related?: number;
};

/** How bad a code is and which readers it concerns: errors are refusals, the rest warnings. */
export function verdictOf(code: IniDiagnosticCode): Pick<IniDiagnostic, 'severity' | 'parsers'> {
  if (Object.hasOwn(REFUSED_BY, code)) {
    return {severity: 'error', parsers: REFUSED_BY[code as keyof typeof REFUSED_BY]};
  }
  const both = code === 'default-section' || code === 'profile-defined-twice';
  return {
    severity: 'warning',
    parsers: both ? BOTH : code === 'quoted-value' ? ['go-sdk'] : ['js-sdk'],
  };
}
