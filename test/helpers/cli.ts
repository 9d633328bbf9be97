import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export type RunResult = {code: number | null; stdout: string; stderr: string};

/** Runs the built CLI (dist/cli.js) as a user would, with the given environment and stdin. */
export function runCli(
  args: string[],
  options: {env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number},
): Promise<RunResult> {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  return runCommand(process.execPath, [cliPath, ...args], options);
}

export function runCommand(
  command: string,
  args: string[],
  options: {env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env: options.env, cwd: options.cwd, stdio: 'pipe'});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
    child.stdin.end(options.input ?? '');
  });
}
