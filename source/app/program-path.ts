// Where execvp (and so a shell) would find a program: the one PATH lookup of the precedence
// engine's credential_process check and of the on-demand renewal's desktop prompt.
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';
import type {ProgramState} from '../core/precedence/types.js';

function fileState(file: string): ProgramState {
  try {
    if (!statSync(file).isFile()) return 'not-executable';
  } catch {
    return 'not-found';
  }
  try {
    accessSync(file, constants.X_OK);
    return 'found';
  } catch {
    return 'not-executable';
  }
}

/** Where execvp would find `program`: a path as written, else the first executable on PATH. */
export function lookUpProgram(program: string, env: NodeJS.ProcessEnv, cwd: string): ProgramState {
  if (program.includes('/')) return fileState(path.resolve(cwd, program));
  let seen: ProgramState = 'not-found';
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const state = fileState(path.join(dir || cwd, program));
    if (state === 'found') return state;
    if (state === 'not-executable') seen = state;
  }
  return seen;
}
