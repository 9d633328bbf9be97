// The AWS credentials/config INI store, pure: one lossless document model, the clients' views of
// it, edits, and diagnostics. No I/O here; disk is source/store/aws-files.ts.

export * from './codes.js';
export * from './document.js';
export * from './names.js';
export * from './sections.js';
export * from './edit.js';
export * from './validate.js';
export {jsSdkView, type JsSdkView} from './js-sdk.js';
export {diagnose, diagnoseErrors} from './diagnose.js';
export {checkWritable} from './write-check.js';
