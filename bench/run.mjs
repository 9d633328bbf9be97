// The performance suite (issue 7, with the benchmarks of issues 2 and 4): every measurement side by
// side with its baseline in the same run, interleaved so both see the same machine load, medians
// (and p95 where asked) after a warm-up. Writes bench/results.md. Not part of `npm test`.
//
//   npm run bench                      build, then everything (a few minutes)
//   node bench/run.mjs --quick         fewer runs, for a quick look
//   node bench/run.mjs --only=list,tui keys, renew, rss, ini: pick sections
//
// Needs dist/ (npm run build), /usr/bin/aws (AWS CLI v2) for its baselines, and node-pty.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import prettier from 'prettier';
import {writeAwsFiles} from './fixtures.mjs';
import {runIniBench} from './ini.mjs';
import {keys, startPty} from './pty.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const floorScript = path.join(root, 'bench', 'floor.cjs');
const minimalScript = path.join(root, 'bench', 'minimal-list.cjs');
/** The V8 flags list sets for itself at run time (commands/jit.ts), given to the minimal list too. */
const minimalFlags = ['--no-turbofan', '--semi-space-growth-factor=1'];
const awsCli = '/usr/bin/aws';
const node = process.execPath;
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (name) => !only || only.includes(name);
const sizes = [10, 1000, 5000];
const hasAws = existsSync(awsCli);

// ---------------------------------------------------------------------------------------------
// Statistics and process timing.

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : 'n/a');
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const log = (...a) => console.error(...a);

/** Runs a program to its end (stdout and stderr drained) and returns the wall time in ms. */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
    let err = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const t = performance.now() - start;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve(t);
    });
  });
}

/**
 * Interleaved rounds: each round runs every case once (in a rotating order), after `warmup`
 * rounds that are not kept. Returns each case's times.
 */
async function rounds(cases, {warmup = 2, runs}) {
  const out = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const names = Object.keys(cases);
  for (let r = 0; r < warmup + runs; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const t = await cases[name]();
      if (r >= warmup) out[name].push(t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The machine and the fixtures.

function machine() {
  const cpus = os.cpus();
  const aws = hasAws
    ? spawnSync(awsCli, ['--version'], {encoding: 'utf8'}).stdout.trim().split(' ')[0]
    : 'not installed';
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    aws,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'mfa-tui-bench-'));
process.on('exit', () => rmSync(work, {recursive: true, force: true}));

/** The environment that points mfa-tui and the AWS CLI at `dir`'s files and nowhere else. */
function envFor(dir, files) {
  return {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: dir,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_CONFIG_FILE: files.configFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    MFA_TUI_CONFIG_DIR: path.join(dir, 'mfa-tui'),
  };
}

/** A home with generated files. */
function home(count) {
  const dir = path.join(work, `home-${count}`);
  const files = writeAwsFiles(dir, count);
  const env = envFor(dir, files);
  return {dir, env, ...files};
}

// ---------------------------------------------------------------------------------------------
// The measurements.

const results = {};

async function benchList(homes) {
  const runs = quick ? 5 : 15;
  results.list = [];
  for (const count of sizes) {
    const {env, credentialsFile, configFile} = homes[count];
    log(`list --json, ${count} profiles…`);
    // The floor: read the same files and write as many bytes as list does, nothing more.
    const listed = spawnSync(node, [cli, 'list', '--json'], {env, maxBuffer: 2 ** 30});
    if (listed.status !== 0)
      throw new Error(`list --json exited ${listed.status}: ${listed.stderr}`);
    const floorArgs = [floorScript, credentialsFile, configFile, String(listed.stdout.length)];
    // list keeps the model it read in a cache, once the files are 2 s old (a file changed more
    // recently could change again unseen: store/listing-cache.ts). Every list after the first on
    // unchanged files takes it: make sure it is there, and measure list without it too.
    await sleep(Math.max(0, statSync(credentialsFile).ctimeMs + 2100 - Date.now()));
    spawnSync(node, [cli, 'list', '--json'], {env});
    for (const cached of ['listing.json', 'list-json.cache'])
      if (!existsSync(path.join(env.HOME, '.cache', 'mfa-tui', cached)))
        throw new Error(`list --json wrote no ${cached}`);
    const uncached = {...env, MFA_TUI_LIST_CACHE: '0'};
    const cases = {
      node: () => timed(node, ['-e', '0'], env),
      mfa: () => timed(node, [cli, 'list', '--json'], env),
      cold: () => timed(node, [cli, 'list', '--json'], uncached),
      floor: () => timed(node, floorArgs, env),
      minimal: () =>
        timed(node, [...minimalFlags, minimalScript, credentialsFile, configFile], env),
    };
    if (hasAws) cases.aws = () => timed(awsCli, ['configure', 'list-profiles'], env);
    const t = await rounds(cases, {runs: count === 5000 && !quick ? 11 : runs});
    const row = {
      count,
      node: median(t.node),
      mfa: median(t.mfa),
      cold: median(t.cold),
      aws: t.aws ? median(t.aws) : NaN,
      floor: median(t.floor),
      minimal: median(t.minimal),
      bytes: listed.stdout.length,
      runs: t.mfa.length,
    };
    row.vsNode = row.mfa / row.node;
    row.coldVsNode = row.cold / row.node;
    row.floorVsNode = row.floor / row.node;
    row.minimalVsNode = row.minimal / row.node;
    // Against the AWS CLI, which keeps no such cache: list without its cache.
    row.vsAws = row.aws / row.cold;
    results.list.push(row);
  }
}

/** The profile rows are on screen: the first generated profile and the row counter. */
const rowsShown = (lines) => lines.some((l) => l.includes('team0-user0-long-term'));

/** Time from spawn to the profile rows on screen, then quits. */
async function firstFrame(env) {
  const p = startPty(node, [cli], {env});
  const at = await p.until(rowsShown);
  p.write('q');
  await p.exited;
  p.dispose();
  return at - p.started;
}

async function benchTui(homes) {
  // More rounds than the others: a start through a terminal varies most on a busy machine.
  const runs = quick ? 4 : 15;
  results.tui = [];
  for (const count of sizes) {
    const {env, credentialsFile} = homes[count];
    log(`TUI first frame, ${count} profiles…`);
    // The TUI draws its first frame from list's cache of the profiles when the files are as it
    // saw them (then reads them): make sure it is there, and measure a start without it too.
    await sleep(Math.max(0, statSync(credentialsFile).ctimeMs + 2100 - Date.now()));
    await firstFrame(env);
    if (!existsSync(path.join(env.HOME, '.cache', 'mfa-tui', 'listing.json')))
      throw new Error('the TUI wrote no cache of its listing');
    const t = await rounds(
      {
        node: async () => {
          const p = startPty(node, ['-e', '0'], {env});
          const exit = await p.exited;
          p.dispose();
          return exit.at - p.started;
        },
        // A start like every one after the first: V8's code cache is there (the warm-up
        // rounds wrote it).
        mfa: () => firstFrame(env),
        // The very first start (after an install or upgrade): no code cache, no listing yet.
        first: () => firstFrame({...env, MFA_TUI_CODE_CACHE: '0', MFA_TUI_LIST_CACHE: '0'}),
        // The first start after the files changed: no listing to draw from, the files are read.
        cold: () => firstFrame({...env, MFA_TUI_LIST_CACHE: '0'}),
      },
      {runs},
    );
    results.tui.push({
      count,
      node: median(t.node),
      mfa: median(t.mfa),
      ratio: median(t.mfa) / median(t.node),
      first: median(t.first),
      firstRatio: median(t.first) / median(t.node),
      cold: median(t.cold),
      coldRatio: median(t.cold) / median(t.node),
      runs,
    });
  }
}

/** The name on the selected row (`›` marks it). */
const selected = (lines) =>
  lines
    .find((l) => l.startsWith('›'))
    ?.slice(1)
    .trim()
    .split(/\s+/)[0];

const hwm = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const rssNow = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/**
 * One TUI session: waits for the rows and the AWS CLI marker (the precedence summary), then
 * presses ↓/↑ `presses` times, each time timing from the write to the output that moves the
 * selection; reports the latencies and the peak RSS (VmHWM) at the end.
 */
async function tuiSession(env, presses, span = 15) {
  const p = startPty(node, [cli], {env});
  try {
    await p.until(rowsShown);
    const firstFrameRss = rssNow(p.pid);
    // The header names the AWS CLI's profile once the precedence summary is in.
    await p.until((lines) => lines.some((l) => l.includes('AWS CLI uses')), 60_000).catch(() => {});
    await sleep(1500);
    const settledRss = rssNow(p.pid);
    const latencies = [];
    for (let i = 0; i < presses; i++) {
      // Down `span` rows, then up again: the list scrolls both ways.
      latencies.push(await timedKey(p, i % (2 * span) < span ? keys.down : keys.up));
      await sleep(40 + Math.random() * 60);
    }
    return {latencies, peak: hwm(p.pid), firstFrameRss, settledRss};
  } finally {
    await quit(p);
  }
}

/** Writes `key` and resolves with the time to the output that moves the selection. */
async function timedKey(p, key) {
  const before = selected(p.lines());
  const moved = p.until((lines) => {
    const s = selected(lines);
    return s !== undefined && s !== before;
  }, 10_000);
  const start = performance.now();
  p.write(key);
  return (await moved) - start;
}

async function quit(p) {
  p.write('q');
  await Promise.race([p.exited, sleep(3000)]);
  p.kill();
  p.dispose();
}

/**
 * A ↓ written the moment the rows are on screen, as by someone who starts moving at once: timed to
 * the output that moves the selection. Whatever the TUI does right after its first frame (the
 * precedence summary, the files' watch) is in this time.
 */
async function firstKey(env) {
  const p = startPty(node, [cli], {env});
  try {
    await p.until(rowsShown);
    return await timedKey(p, keys.down);
  } finally {
    await quit(p);
  }
}

async function benchKeys(homes) {
  log('keystroke to repaint, 5000 profiles…');
  const s = await tuiSession(homes[5000].env, quick ? 60 : 200);
  log('first keystroke, right at the first frame, 5000 profiles…');
  await firstKey(homes[5000].env);
  const first = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) first.push(await firstKey(homes[5000].env));
  results.keys = {
    count: 5000,
    presses: s.latencies.length,
    median: median(s.latencies),
    p95: percentile(s.latencies, 95),
    max: Math.max(...s.latencies),
    first: median(first),
    firstMax: Math.max(...first),
    starts: first.length,
  };
  results.rss = {5000: s};
}

async function benchRss(homes) {
  results.rss ??= {};
  for (const count of [10, 5000]) {
    if (results.rss[count]) continue;
    log(`peak RSS, ${count} profiles…`);
    results.rss[count] = await tuiSession(homes[count].env, 30, Math.min(15, count - 1));
  }
  const bare = spawnSync(
    node,
    ['-e', 'process.stdout.write(require("fs").readFileSync("/proc/self/status","utf8"))'],
    {
      encoding: 'utf8',
    },
  );
  results.rss.node = Number(/VmHWM:\s+(\d+)/.exec(bare.stdout)?.[1] ?? NaN) / 1024;
}

/** The sandbox and TOTP code from source/sandbox, bundled for plain Node. */
async function sandboxKit() {
  const out = path.join(work, 'kit.mjs');
  await build({
    stdin: {
      contents: `export {startSandbox} from './source/sandbox/server.ts';
export {SandboxState} from './source/sandbox/state.ts';
export {ManualClock, OffsetClock} from './source/sandbox/clock.ts';
export {totpCodeAt, totpStep, totpStepSeconds} from './source/sandbox/totp.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href);
}

// `MFA_BENCH_CPU_PROF=DIR`: mfa-tui's renew runs write CPU profiles there (bench/README.md).
const profileArgs = process.env.MFA_BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MFA_BENCH_CPU_PROF}`]
  : [];

async function benchRenew() {
  const kit = await sandboxKit();
  const state = kit.SandboxState.demo();
  const clock = new kit.ManualClock(Date.now());
  // Clients sign with the real time; only TOTP steps and expiry follow the movable clock.
  const sandbox = await kit.startSandbox({state, clock, signingClock: new kit.OffsetClock(0)});
  try {
    const alice = state.user('alice');
    const device = state.devices.get(alice.mfaSerial);
    let handed = -Infinity;
    // A code the sandbox has not seen: each renewal moves the clock to the next 30 s step.
    const code = () => {
      const current = kit.totpStep(clock.now());
      const step = Math.max(current, (device.lastStep ?? -Infinity) + 1, handed + 1);
      if (step > current) clock.advance((step - current) * kit.totpStepSeconds * 1000);
      handed = step;
      return kit.totpCodeAt(device.key, step);
    };
    results.renew = [];
    for (const count of quick ? [0] : [0, 5000]) {
      const dir = path.join(work, `renew-${count}`);
      const files = writeAwsFiles(dir, count);
      const keys = `[default]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\nmfa_serial = ${alice.mfaSerial}\n`;
      const existing = readFileSync(files.credentialsFile, 'utf8');
      writeFileSync(files.credentialsFile, `${keys}\n${count ? existing : ''}`);
      if (!count) writeFileSync(files.configFile, '[default]\nregion = us-east-1\n');
      const env = envFor(dir, files);
      log(`renew against the sandbox, ${count || 'a one-profile'} file…`);
      const cases = {
        node: () => timed(node, ['-e', '0'], env),
        mfa: () =>
          timed(
            node,
            [
              ...profileArgs,
              cli,
              'renew',
              'default',
              '--code',
              code(),
              '--endpoint-url',
              sandbox.endpoint,
            ],
            env,
          ),
      };
      if (hasAws) {
        cases.aws = () =>
          timed(
            awsCli,
            [
              'sts',
              'get-session-token',
              '--profile',
              'default',
              '--serial-number',
              alice.mfaSerial,
              '--token-code',
              code(),
              '--endpoint-url',
              sandbox.endpoint,
              '--region',
              'us-east-1',
            ],
            env,
          );
      }
      const t = await rounds(cases, {runs: quick ? 4 : 10, warmup: 1});
      results.renew.push({
        count,
        node: median(t.node),
        mfa: median(t.mfa),
        aws: t.aws ? median(t.aws) : NaN,
        ratio: t.aws ? median(t.aws) / median(t.mfa) : NaN,
        runs: t.mfa.length,
      });
    }
  } finally {
    await sandbox.close();
  }
}

async function benchIni() {
  log('INI parse + edit + serialize, 5000 profiles…');
  results.ini = await runIniBench({profiles: 5000, runs: quick ? 15 : 41});
}

// ---------------------------------------------------------------------------------------------
// The report.

const ok = (pass) => (pass ? '✓' : '✗ missed');

function report(m) {
  const out = [];
  out.push('# Benchmark results', '');
  out.push(
    `Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memory} RAM; ${m.os}; Node ${m.node}; ${m.aws}; load average before the run ${m.load}.`,
    '',
    'Medians of interleaved runs after a warm-up; every ratio is against a baseline measured in the same run. `mfa-tui` is `node dist/cli.js`, run by the same Node binary as `node -e 0`. Regenerate with `npm run bench`.',
    '',
  );
  if (results.list) {
    out.push('## `mfa-tui list --json`', '');
    out.push(
      '| profiles | `node -e 0` | `mfa-tui list --json` | ratio (goal ≤ 1.5×) | without its cache (first run after a change) | its ratio | `aws configure list-profiles` | mfa-tui without its cache is faster by (goal ≥ 4×) | the floor: I/O only | its ratio | a minimal list, no checks | its ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of results.list) {
      out.push(
        `| ${r.count} | ${ms(r.node)} | ${ms(r.mfa)} | ${times(r.vsNode)} ${ok(r.vsNode <= 1.5)} | ${ms(r.cold)} | ${times(r.coldVsNode)} | ${ms(r.aws)} | ${times(r.vsAws)} ${ok(r.vsAws >= 4)} | ${ms(r.floor)} | ${times(r.floorVsNode)} | ${ms(r.minimal)} | ${times(r.minimalVsNode)} |`,
      );
    }
    out.push(
      '',
      `The floor is \`bench/floor.cjs\`: a Node script that reads the same two files and writes as many bytes as \`list --json\` wrote (${results.list.map((r) => `${(r.bytes / 1024).toFixed(0)} KiB`).join(' / ')}), and does nothing else. No implementation in Node that reads the files can be faster than it on this machine; what \`list\` without its cache costs beyond it is parsing, classifying and formatting. \`list\` keeps the profile model it worked out (no secret, no clock-bound state) in \`~/.cache/mfa-tui/listing.json\`, keyed by every input's version (device, inode, size, modification and change times of both files and of the AWS CLI's role cache entries; the settings; the build), and takes it back while nothing changed: so every run but the first after a change skips the parse. \`list --json\` also keeps the text it printed, under the same key, with the place of each value that depends on the clock (the state of a profile with an expiry) or the environment (\`active\`): a run on unchanged files mends those few values and writes the bytes, without building a profile (\`MFA_TUI_LIST_CACHE=0\` turns both off; the second column pair is \`list\` with them off). The minimal list is \`bench/minimal-list.cjs\`: a deliberately naive listing of these files, one regular expression per file and the JSON written by concatenation, with none of \`list\`'s checks (it is wrong on many real files and never reports an error), run with the V8 flags \`list\` sets for itself. What \`list\` without its cache costs beyond it is the price of exact parsing and the full profile model; where even the minimal list misses 1.5×, no parse of these files in Node that was tried here meets the goal on this machine.`,
    );
    out.push('');
  }
  if (results.tui) {
    out.push(
      '## TUI: first complete frame (the profile rows on screen), in a 120×40 pseudo-terminal',
      '',
    );
    out.push(
      '| profiles | `node -e 0` (to exit) | `mfa-tui` (to the rows) | ratio (goal ≤ 2.5×) | first start after the files changed (no listing cached) | its ratio | very first start, no code cache, no listing yet | its ratio |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of results.tui) {
      out.push(
        `| ${r.count} | ${ms(r.node)} | ${ms(r.mfa)} | ${times(r.ratio)} ${ok(r.ratio <= 2.5)} | ${ms(r.cold)} | ${times(r.coldRatio)} | ${ms(r.first)} | ${times(r.firstRatio)} |`,
      );
    }
    out.push(
      '',
      "When the files are as a run of `list` or of the TUI last saw them (2 s old or more), the TUI draws its first frame from list's cache of the profile model, and reads the files right after; until that read is done (tens of ms at 5000 profiles), the AWS CLI marker waits, the precedence screen says the files are still being read, and a renew panel opened meanwhile is planned once they are. The first start after a change reads the files first, as every start did before.",
      '',
    );
  }
  if (results.keys) {
    const k = results.keys;
    out.push('## TUI: keystroke to repaint, 5000 profiles', '');
    out.push(
      `${k.presses} presses of ↓/↑ (15 down, 15 up, repeated), each timed from the write to the output that moves the selection, clock ticks and all.`,
      '',
      '| median (goal ≤ 30 ms) | p95 (goal ≤ 50 ms) | max |',
      '|---:|---:|---:|',
      `| ${ms(k.median)} ${ok(k.median <= 30)} | ${ms(k.p95)} ${ok(k.p95 <= 50)} | ${ms(k.max)} |`,
      '',
      `The first keystroke, written the moment the rows are on screen (${k.starts} starts): median ${ms(k.first)}, at most ${ms(k.firstMax)}. It waits for what follows the first frame: React's effects, the files' watch, and one piece of the precedence summary (each client's parse of one file; the summary runs one piece per turn of the event loop).`,
      '',
    );
  }
  if (results.rss) {
    const r = results.rss;
    out.push('## TUI: memory (VmHWM, the peak resident set)', '');
    out.push('| | peak RSS | RSS at the first frame | RSS once settled |', '|---|---:|---:|---:|');
    if (Number.isFinite(r.node)) out.push(`| \`node -e 0\` | ${r.node.toFixed(0)} MB | | |`);
    for (const count of [10, 5000]) {
      if (!r[count]) continue;
      const goal = count === 5000 ? ` (goal ≤ 120 MB) ${ok(r[count].peak <= 120)}` : '';
      out.push(
        `| TUI, ${count} profiles, after ${r[count].latencies.length} keystrokes | ${r[count].peak.toFixed(0)} MB${goal} | ${r[count].firstFrameRss.toFixed(0)} MB | ${r[count].settledRss.toFixed(0)} MB |`,
      );
    }
    out.push('');
  }
  if (results.renew) {
    out.push('## `mfa-tui renew` end to end against the sandbox STS', '');
    out.push(
      '`mfa-tui renew default --code N --endpoint-url URL` (reads the files, calls GetSessionToken, writes the `mfa` profile under a lock with a backup) against `/usr/bin/aws sts get-session-token --profile default --serial-number ARN --token-code N --endpoint-url URL` (prints the session), both with a fresh TOTP code from the same in-process sandbox.',
      '',
      '| credentials file | `node -e 0` | `mfa-tui renew` | `aws sts get-session-token` | mfa-tui is faster by (goal ≥ 3×) |',
      '|---|---:|---:|---:|---:|',
    );
    for (const r of results.renew) {
      out.push(
        `| ${r.count ? `${r.count} profiles` : 'one profile'} | ${ms(r.node)} | ${ms(r.mfa)} | ${ms(r.aws)} | ${times(r.ratio)} ${ok(r.ratio >= 3)} |`,
      );
    }
    out.push('');
  }
  if (results.ini) {
    const i = results.ini;
    out.push('## INI store: parse + edit + serialize, 5000 profiles (issue 2)', '');
    out.push(
      `${i.lines} lines, ${(i.bytes / 1024).toFixed(0)} KiB, in-process.`,
      '',
      '| `@smithy/shared-ini-file-loader` parse | parse + setKeys + serialize | ratio (aim ≤ 1.5×) | write check (not in the ratio) |',
      '|---:|---:|---:|---:|',
      `| ${ms(i.smithy)} | ${ms(i.ours)} | ${times(i.ratio)} ${ok(i.ratio <= 1.5)} | ${ms(i.check)} |`,
      '',
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` (or `npm run bench`) first.');
  process.exit(1);
}
if (!hasAws) log(`${awsCli} is missing: the AWS CLI baselines are skipped.`);
const m = machine();
const homes = Object.fromEntries(sizes.map((n) => [n, home(n)]));
if (wanted('list')) await benchList(homes);
if (wanted('tui')) await benchTui(homes);
if (wanted('keys')) await benchKeys(homes);
if (wanted('rss')) await benchRss(homes);
if (wanted('renew')) await benchRenew();
if (wanted('ini')) await benchIni();
const text = report(m);
console.log(text);
/** Writes a Markdown file the way `prettier --check` (part of `npm test`) wants it. */
async function writeMarkdown(file, markdown) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(markdown, {...options, filepath: file}));
}

if (!only && !quick) {
  await writeMarkdown(path.join(root, 'bench', 'results.md'), `${text}\n`);
  // bench/README.md carries the same tables between two markers (the section the README links).
  const readme = path.join(root, 'bench', 'README.md');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  if (existsSync(readme)) {
    const current = readFileSync(readme, 'utf8');
    const a = current.indexOf(start);
    const b = current.indexOf(end);
    if (a !== -1 && b > a) {
      const tables = text.replace(/^# Benchmark results\n\n/, '').replace(/^## /gm, '### ');
      await writeMarkdown(
        readme,
        `${current.slice(0, a + start.length)}\n${tables}\n${current.slice(b)}`,
      );
    }
  }
} else log('(partial or quick run: bench/results.md left as it was)');
