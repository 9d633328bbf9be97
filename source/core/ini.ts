// The AWS credentials/config INI store, pure: a lossless document model, edits, and diagnostics
// for what botocore and the JS SDK read differently. No I/O here; disk is source/store/aws-files.ts.

export {
  dominantEol,
  findProfileSection,
  listSections,
  profileSectionKeys,
  parseIni,
  profileHeader,
  profileNameOf,
  profileView,
  sectionsOf,
  serializeIni,
  walkIni,
  type Walk,
  type BlankLine,
  type CommentLine,
  type ContinuationLine,
  type Eol,
  type IniDocument,
  type IniFileKind,
  type IniLine,
  type IniSection,
  type InvalidLine,
  type KeyLine,
  type SectionLine,
} from './ini-document.js';
export {
  addSection,
  removeKeys,
  setKeys,
  validateHeader,
  validateKey,
  validateValue,
} from './ini-edit.js';
export {jsSdkView, type JsSdkView} from './ini-js-sdk.js';
export {
  checkWritable,
  diagnose,
  diagnoseErrors,
  type IniDiagnostic,
  type IniDiagnosticCode,
  type IniParser,
  type WriteCheckOptions,
} from './ini-diagnose.js';
