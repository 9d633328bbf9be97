// The performance suite: the goals of the README's Performance table, each a ratio to a baseline
// measured in the same run, interleaved with it so both see the same machine load. Every
// measured mfa-tui run is the first after the AWS files changed: they are rewritten before each
// run (Node's compile cache may be warm; mfa-tui keeps no cache of its own). Medians, and p95 where
// a goal asks for it, after warm-up rounds. Writes bench/results.md after a full run.
//
//   npm run bench                       build, then everything on Node 22 (the floor)
//   node bench/run.mjs --quick          fewer runs, results.md left alone
//   node bench/run.mjs --only=tui,keys  sections: tui, check, list, keys, rss, renew
//
// Needs dist/ (npm run build), /usr/bin/aws (AWS CLI v2) for its baselines, and node-pty.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import prettier from 'prettier';
import {writeAwsFiles} from './fixtures.mjs';
import {keys, startPty} from './pty.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const awsCli = '/usr/bin/aws';
const node = process.execPath;
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (name) => !only || only.includes(name);
const sizes = [50, 2000];
const hasAws = existsSync(awsCli);
/** Runs per case (after the warm-up rounds). */
const runs = (full, fast) => (quick ? fast : full);

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
const sleep = (t) => new Promise((r) => setTimeout(r, t));
const log = (...a) => console.error(...a);

/** Runs a program to its end and returns the wall time in ms; an exit code outside `codes` throws. */
function timed(command, args, env, codes = [0]) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
    let err = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const t = performance.now() - start;
      if (!codes.includes(code))
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
      else resolve(t);
    });
  });
}

/**
 * Interleaved rounds: each round runs every case once, in a rotating order, after `warmup` rounds
 * that are not kept; `before` runs ahead of every case (it rewrites the files). Returns each
 * case's times.
 */
async function rounds(cases, {warmup = 2, runs, before = () => {}}) {
  const names = Object.keys(cases);
  const out = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < warmup + runs; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      before();
      const t = await cases[name]();
      if (r >= warmup) out[name].push(t);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The machine and the fixtures.

function machine() {
  const aws = hasAws
    ? spawnSync(awsCli, ['--version'], {encoding: 'utf8'}).stdout.trim().split(' ')[0]
    : 'not installed';
  const cpus = os.cpus();
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

/** A home with generated files, and `changed()` that writes them again (new times, same bytes). */
function home(count) {
  const dir = path.join(work, `home-${count}`);
  const files = writeAwsFiles(dir, count);
  const texts = [files.credentialsFile, files.configFile].map((f) => [f, readFileSync(f)]);
  const changed = () => {
    for (const [file, text] of texts) writeFileSync(file, text);
  };
  return {dir, env: envFor(dir, files), changed, ...files};
}

// ---------------------------------------------------------------------------------------------
// The measurements.

const results = {};
const nodeZero = (env) => () => timed(node, ['-e', '0'], env);

/** `mfa-tui ARGS` against `node -e 0` (and the AWS CLI's `aws configure list-profiles`). */
async function benchCommand(name, args, homes, codes) {
  results[name] = [];
  for (const count of sizes) {
    const h = homes[count];
    log(`${name}, ${count} profiles…`);
    const cases = {node: nodeZero(h.env), mfa: () => timed(node, [cli, ...args], h.env, codes)};
    if (hasAws && name === 'list')
      cases.aws = () => timed(awsCli, ['configure', 'list-profiles'], h.env);
    const t = await rounds(cases, {runs: runs(15, 5), before: h.changed});
    const row = {count, node: median(t.node), mfa: median(t.mfa), runs: t.mfa.length};
    row.ratio = row.mfa / row.node;
    if (t.aws) row.aws = median(t.aws);
    results[name].push(row);
  }
}

/** The profile rows are on screen: the first generated profile is. */
const rowsShown = (lines) => lines.some((l) => l.includes('team0-user0-long-term'));

/** Time from spawn to the profile rows on screen; then quits. */
async function firstFrame(env) {
  const p = startPty(node, [cli], {env});
  try {
    return (await p.until(rowsShown)) - p.started;
  } finally {
    await quit(p);
  }
}

async function quit(p) {
  p.write('q');
  await Promise.race([p.exited, sleep(3000)]);
  p.kill();
  p.dispose();
}

async function benchTui(homes) {
  results.tui = [];
  for (const count of sizes) {
    const h = homes[count];
    log(`TUI first frame, ${count} profiles…`);
    const cases = {
      // The baseline through the same pseudo-terminal, to its exit.
      node: async () => {
        const p = startPty(node, ['-e', '0'], {env: h.env});
        const exit = await p.exited;
        p.dispose();
        return exit.at - p.started;
      },
      mfa: () => firstFrame(h.env),
    };
    const t = await rounds(cases, {runs: runs(15, 4), before: h.changed});
    const row = {count, node: median(t.node), mfa: median(t.mfa), runs: t.mfa.length};
    row.ratio = row.mfa / row.node;
    results.tui.push(row);
  }
}

/** The name on the selected row (`›` marks it). */
const selected = (lines) =>
  lines
    .find((l) => l.startsWith('›'))
    ?.slice(1)
    .trim()
    .split(/\s+/)[0];

/** The process's peak resident set (VmHWM), in MB. */
const peakRss = (pid) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

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

/**
 * One TUI session: waits for the rows and the AWS CLI marker (the precedence summary), then
 * presses ↓/↑ `presses` times (15 down, 15 up, repeated), timing each from the write to the output
 * that moves the selection; returns the latencies and the peak RSS at the end.
 */
async function tuiSession(env, presses) {
  const p = startPty(node, [cli], {env});
  try {
    await p.until(rowsShown);
    await p.until((lines) => lines.some((l) => l.includes('AWS CLI uses')), 60_000).catch(() => {});
    await sleep(1000);
    const latencies = [];
    for (let i = 0; i < presses; i++) {
      latencies.push(await timedKey(p, i % 30 < 15 ? keys.down : keys.up));
      await sleep(40 + Math.random() * 60);
    }
    return {latencies, peak: peakRss(p.pid)};
  } finally {
    await quit(p);
  }
}

async function benchKeys(homes) {
  log('key → repaint, 2000 profiles…');
  homes[2000].changed();
  const s = await tuiSession(homes[2000].env, runs(200, 45));
  results.keys = {
    count: 2000,
    presses: s.latencies.length,
    median: median(s.latencies),
    p95: percentile(s.latencies, 95),
    max: Math.max(...s.latencies),
  };
  results.rss = {2000: s.peak};
}

async function benchRss(homes) {
  results.rss ??= {};
  for (const count of sizes) {
    if (results.rss[count]) continue;
    log(`peak RSS, ${count} profiles…`);
    homes[count].changed();
    results.rss[count] = (await tuiSession(homes[count].env, 30)).peak;
  }
  const bare = spawnSync(
    node,
    ['-e', 'process.stdout.write(require("fs").readFileSync("/proc/self/status","utf8"))'],
    {encoding: 'utf8'},
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
export {totpCodeAt} from './source/sandbox/totp.ts';
export {totpStepAt, totpStepSeconds} from './source/core/code-steps.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: out,
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href);
}

/** `mfa-tui renew` against `aws sts get-session-token`, both on the sandbox, 50 profiles. */
async function benchRenew() {
  const kit = await sandboxKit();
  const state = new kit.SandboxState();
  // Sandbox time stands still unless moved; clients sign with the real time.
  let ms = Date.now();
  const clock = {now: () => new Date(ms), advance: (by) => (ms += by)};
  const sandbox = await kit.startSandbox({state, clock, signingClock: {now: () => new Date()}});
  try {
    const alice = state.user('alice');
    const device = state.devices.get(alice.mfaSerial);
    let handed = -Infinity;
    // A code the sandbox has not seen: each renewal moves the clock to the next 30 s step.
    const code = () => {
      const current = kit.totpStepAt(clock.now());
      const step = Math.max(current, (device.lastStep ?? -Infinity) + 1, handed + 1);
      if (step > current) clock.advance((step - current) * kit.totpStepSeconds * 1000);
      handed = step;
      return kit.totpCodeAt(device.key, step);
    };
    const dir = path.join(work, 'renew');
    const files = writeAwsFiles(dir, 50);
    const keysText = `[default]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\nmfa_serial = ${alice.mfaSerial}\n\n`;
    writeFileSync(files.credentialsFile, keysText + readFileSync(files.credentialsFile, 'utf8'));
    const env = envFor(dir, files);
    const endpoint = ['--endpoint-url', sandbox.endpoint];
    log('renew against the sandbox, 50 profiles…');
    const cases = {
      mfa: () => timed(node, [cli, 'renew', 'default', '--code', code(), ...endpoint], env),
    };
    if (hasAws) {
      const aws = ['sts', 'get-session-token', '--profile', 'default'];
      const mfa = () => ['--serial-number', alice.mfaSerial, '--token-code', code()];
      cases.aws = () =>
        timed(awsCli, [...aws, ...mfa(), ...endpoint, '--region', 'us-east-1'], env);
    }
    const t = await rounds(cases, {runs: runs(10, 3), warmup: 1});
    results.renew = {mfa: median(t.mfa), aws: t.aws ? median(t.aws) : NaN, runs: t.mfa.length};
    results.renew.ratio = results.renew.aws / results.renew.mfa;
  } finally {
    await sandbox.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The report: the goals table, then the raw times.

const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : 'n/a');
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
/** ✓, or by how much the goal is missed. */
const verdict = (value, goal, atMost, unit = '×') => {
  if (!Number.isFinite(value)) return 'n/a';
  const met = atMost ? value <= goal : value >= goal;
  const shown = unit === '×' ? times(value) : unit === 'ms' ? ms(value) : `${value.toFixed(0)} MB`;
  if (met) return `${shown} ✓`;
  const by = atMost ? value / goal : goal / value;
  return `${shown} ✗ missed by ${((by - 1) * 100).toFixed(0)}%`;
};
const row = (name, count) => results[name]?.find((r) => r.count === count);

function goals() {
  const lines = ['| measurement | goal | result |', '|---|---|---|'];
  const add = (what, goal, result) =>
    result !== undefined && lines.push(`| ${what} | ${goal} | ${result} |`);
  for (const [count, goal] of [
    [50, 2.5],
    [2000, 3.5],
  ])
    add(
      `TUI first frame vs \`node -e 0\`, ${count}`,
      `≤ ${goal}×`,
      row('tui', count) && verdict(row('tui', count).ratio, goal, true),
    );
  add(
    '`check` vs `node -e 0`, 50',
    '≤ 1.3×',
    row('check', 50) && verdict(row('check', 50).ratio, 1.3, true),
  );
  for (const [count, goal] of [
    [50, 1.5],
    [2000, 2.5],
  ])
    add(
      `\`list --json\` vs \`node -e 0\`, ${count}`,
      `≤ ${goal}×`,
      row('list', count) && verdict(row('list', count).ratio, goal, true),
    );
  const list = row('list', 2000);
  add(
    '`list --json` vs `aws configure list-profiles`, 2000',
    '≥ 5× faster',
    list?.aws && verdict(list.aws / list.mfa, 5, false),
  );
  const k = results.keys;
  add('key → repaint at 2000, median', '≤ 16 ms', k && verdict(k.median, 16, true, 'ms'));
  add('key → repaint at 2000, p95', '≤ 33 ms', k && verdict(k.p95, 33, true, 'ms'));
  const r = results.renew;
  add(
    '`renew` vs `aws sts get-session-token` on the sandbox',
    '≥ 3× faster',
    r && verdict(r.ratio, 3, false),
  );
  const rss = results.rss?.[2000];
  add('TUI peak RSS at 2000', '≤ 100 MB', rss && verdict(rss, 100, true, 'MB'));
  return lines;
}

function report(m) {
  const out = ['# Benchmark results', ''];
  out.push(
    `Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memory} RAM; ${m.os}; Node ${m.node}; ${m.aws}; load average before the run ${m.load}.`,
    '',
    'Every mfa-tui run is the first after the AWS files changed (rewritten before each run). Medians of interleaved runs after warm-up rounds; every ratio is against a baseline measured in the same run. Regenerate with `npm run bench`.',
    '',
    ...goals(),
    '',
    '## Times',
    '',
    '| measurement | profiles | baseline | mfa-tui | runs |',
    '|---|---:|---:|---:|---:|',
  );
  const names = {tui: 'TUI first frame', check: '`check`', list: '`list --json`'};
  for (const [name, what] of Object.entries(names))
    for (const r of results[name] ?? [])
      out.push(`| ${what} | ${r.count} | \`node -e 0\` ${ms(r.node)} | ${ms(r.mfa)} | ${r.runs} |`);
  for (const r of results.list ?? [])
    if (r.aws)
      out.push(
        `| \`list --json\` | ${r.count} | \`aws configure list-profiles\` ${ms(r.aws)} | ${ms(r.mfa)} | ${r.runs} |`,
      );
  if (results.renew)
    out.push(
      `| \`renew\` | 50 | \`aws sts get-session-token\` ${ms(results.renew.aws)} | ${ms(results.renew.mfa)} | ${results.renew.runs} |`,
    );
  if (results.keys)
    out.push(
      `| key → repaint (max ${ms(results.keys.max)}) | 2000 | | median ${ms(results.keys.median)}, p95 ${ms(results.keys.p95)} | ${results.keys.presses} |`,
    );
  for (const count of sizes)
    if (results.rss?.[count] && results.rss.node)
      out.push(
        `| TUI peak RSS (\`node -e 0\`: ${results.rss.node.toFixed(0)} MB) | ${count} | | ${results.rss[count].toFixed(0)} MB | 1 |`,
      );
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
if (wanted('tui')) await benchTui(homes);
if (wanted('check')) await benchCommand('check', ['check'], homes, [0, 3, 4]);
if (wanted('list')) await benchCommand('list', ['list', '--json'], homes);
if (wanted('keys')) await benchKeys(homes);
if (wanted('rss')) await benchRss(homes);
if (wanted('renew')) await benchRenew();
const text = report(m);
console.log(text);
if (!only && !quick) {
  const file = path.join(root, 'bench', 'results.md');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(`${text}\n`, {...options, filepath: file}));
} else log('(partial or quick run: bench/results.md left as it was)');
