// What the precedence engine needs to judge credential_process lines without running them: a PATH
// lookup of each program a line starts; and, only when asked, a run of the line (never a secret kept).
import {execFile} from 'node:child_process';
import {lookUpProgram} from './program-path.js';
import {directStart, programsOf} from '../core/precedence/process-line.js';
import {shlexSplit} from '../core/shlex.js';
import {
  processLines,
  type FileReader,
  type PrecedenceInput,
  type ProcessRun,
  type ProgramState,
} from '../core/precedence/index.js';
import {parseExpiryText, formatRfc3339} from '../core/expiry.js';
import {last4, redact} from '../core/mask.js';
import type {StaticCredentials} from '../aws/sts.js';

type Texts = Pick<PrecedenceInput, 'credentialsText' | 'configText'>;

/** The PATH lookup of every program the files' credential_process lines start. */
export function programStates(
  texts: Texts,
  env: NodeJS.ProcessEnv,
  readers?: FileReader[],
  names?: ReadonlySet<string>,
): Record<string, ProgramState> {
  const out: Record<string, ProgramState> = {};
  for (const line of processLines(texts, readers, names)) {
    for (const program of programsOf(line)) {
      out[program] ??= lookUpProgram(program, env, process.cwd());
    }
  }
  return out;
}

const RUN_TIMEOUT_MS = 60_000;

/** What a credential_process printed: its keys (kept in memory only), or why they are unusable. */
type ProcessCredentials = StaticCredentials & {expiresAt?: Date};

type ProcessOutcome = {way: 'direct' | 'shell'} & (
  {ok: true; credentials: ProcessCredentials} | {ok: false; message: string}
);

function credentialsOf(stdout: string): ProcessCredentials | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return 'the output is not JSON';
  }
  const p = parsed as Record<string, unknown>;
  if (p.Version !== 1) return 'Unsupported version for credential process provider';
  if (typeof p.AccessKeyId !== 'string' || typeof p.SecretAccessKey !== 'string')
    return 'the output has no AccessKeyId and SecretAccessKey';
  const expiresAt = typeof p.Expiration === 'string' ? parseExpiryText(p.Expiration) : undefined;
  const sessionToken = typeof p.SessionToken === 'string' ? p.SessionToken : undefined;
  return {accessKeyId: p.AccessKeyId, secretAccessKey: p.SecretAccessKey, sessionToken, expiresAt};
}

/** Runs one line as botocore does (no shell) when it can start that way, else through `sh -c`. */
export function runForCredentials(line: string, env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
  const direct = directStart(line);
  const way = direct.program !== undefined && !direct.operator ? 'direct' : 'shell';
  // A direct start was split without fault: its words are there.
  const words = way === 'direct' ? shlexSplit(line)! : ['/bin/sh', '-c', line];
  return new Promise((resolve) => {
    execFile(
      words[0],
      words.slice(1),
      {env, timeout: RUN_TIMEOUT_MS, maxBuffer: 1024 * 1024, encoding: 'utf8'},
      (error, stdout, stderr) => {
        if (error) {
          // The program's own words, which could hold a key it was handling.
          const first = `${stderr}`.split('\n').find((l) => l.trim()) ?? error.message;
          return resolve({way, ok: false, message: redact(first.trim().slice(0, 300))});
        }
        const answer = credentialsOf(stdout);
        resolve(
          typeof answer === 'string'
            ? {way, ok: false, message: answer}
            : {way, ok: true, credentials: answer},
        );
      },
    );
  });
}

/** Runs every credential_process line of the files (`precedence --run-processes`). */
export async function runProcessLines(
  texts: Texts,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, ProcessRun>> {
  const lines = processLines(texts);
  const runs = await Promise.all(
    lines.map(async (line): Promise<ProcessRun> => {
      const run = await runForCredentials(line, env);
      if (!run.ok) return run;
      // The report keeps the key's last 4 and the expiry, never the secret.
      const {accessKeyId, expiresAt} = run.credentials;
      const expiry = expiresAt ? formatRfc3339(expiresAt) : null;
      return {
        way: run.way,
        ok: true,
        accessKeyIdLast4: last4(accessKeyId) ?? '',
        expiresAt: expiry,
      };
    }),
  );
  return Object.fromEntries(lines.map((line, i) => [line, runs[i]]));
}
