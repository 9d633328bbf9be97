import type {Plugin} from 'esbuild';

export type Patch = {
  file: RegExp;
  expect: string[];
  apply: (text: string) => string;
  check?: (text: string) => boolean;
  applied?: number;
};
/** The dependency patches the bundles get. */
export const patches: Patch[];
/** The esbuild plugin that applies them. */
export const dependencyPatches: Plugin;
/** The esbuild plugin that keeps terminal-size from spawning processes. */
export const noChildProcesses: Plugin;
