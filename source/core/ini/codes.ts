// The one vocabulary of INI problems: what the diagnostics (diagnose.ts) call the lines where
// readers disagree, which the precedence engine's explanations (precedence/lint.ts) word.

/** A reader of the files whose verdict a diagnostic reports. */
export type IniParser = 'botocore' | 'js-sdk' | 'go-sdk';

// Every diagnostic of a code shares its entry's parsers array: frozen, so none can change the table.
/** A reader refuses the whole file. */
const refused = (...parsers: IniParser[]) =>
  ({severity: 'error', parsers: Object.freeze(parsers)}) as const;
/** A reader reads the file, but drops something or reads it differently from the other. */
const differs = (...parsers: IniParser[]) =>
  ({severity: 'warning', parsers: Object.freeze(parsers)}) as const;

/** How bad each code is and which readers it concerns. */
export const VERDICTS = {
  bom: refused('botocore'),
  'duplicate-section': refused('botocore'),
  'duplicate-key': refused('botocore'),
  'outside-section': refused('botocore', 'js-sdk'),
  'invalid-line': refused('botocore', 'js-sdk'),
  'empty-key-name': refused('botocore', 'js-sdk'),
  'nested-without-equals': refused('botocore', 'js-sdk'),
  'js-refuses-file': refused('js-sdk'),
  'default-section': differs('botocore', 'js-sdk'),
  'profile-defined-twice': differs('botocore', 'js-sdk'),
  'lone-cr': differs('js-sdk'),
  'section-not-read': differs('js-sdk'),
  'profile-name-differs': differs('js-sdk'),
  'section-name-differs': differs('js-sdk'),
  'colon-delimiter': differs('js-sdk'),
  'uppercase-key': differs('js-sdk'),
  'inline-comment': differs('js-sdk'),
  'empty-value': differs('js-sdk'),
  'multi-line-value': differs('js-sdk'),
  'indented-section': differs('js-sdk'),
  'js-subsection': differs('js-sdk'),
  'empty-profile': differs('js-sdk'),
  'js-reads-differently': differs('js-sdk'),
  // Only the Go SDK reads it differently (it unquotes values).
  'quoted-value': differs('go-sdk'),
};

export type IniDiagnosticCode = keyof typeof VERDICTS;

/** A problem on one line; its code decides its severity (VERDICTS). Messages never quote values. */
export type IniDiagnostic = {
  /** 1-based. */
  line: number;
  severity: 'error' | 'warning';
  parsers: readonly IniParser[];
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
