// Benchmark: parse + edit + serialize of a generated 5000-profile credentials file with the
// document model, as a ratio to @smithy/shared-ini-file-loader parsing the same text in the same
// run (median of several runs after warm-up). Not part of `npm test`. Run: node bench/ini.mjs
// (bench/run.mjs calls runIniBench as part of the whole suite.)
import {build} from 'esbuild';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {externalDataInterceptor, loadSharedConfigFiles} from '@smithy/shared-ini-file-loader';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const WARMUP = 15;
const RUNS = 41;

/** A credentials file the way people grow them: comments, blank lines, session tokens, odd spacing. */
function generate(count) {
  const hex = (n, width) => n.toString(16).toUpperCase().padStart(width, '0');
  let text = '# AWS credentials\n\n';
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) text += `# team ${i / 10}\n`;
    text += `[profile-${String(i).padStart(5, '0')}]\n`;
    text += `aws_access_key_id = AKIA${hex(i, 16)}\n`;
    text += `aws_secret_access_key = ${'s'.repeat(20)}${hex(i * 7919, 20)}\n`;
    if (i % 3 === 0) {
      text += `aws_session_token = ${'IQoJb3JpZ2luX2VjE'.repeat(20)}${hex(i, 8)}\n`;
      text += `expiration = 2030-01-01 00:00:00\n`;
    }
    if (i % 4 === 0) text += `region=us-east-1\n`;
    if (i % 5 === 0) text += `mfa_serial   =   arn:aws:iam::123456789012:mfa/user${i}\n`;
    text += '\n';
  }
  return text;
}

async function loadModel() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-tui-bench-'));
  const out = path.join(dir, 'ini.mjs');
  await build({
    entryPoints: [path.join(root, 'source', 'core', 'ini', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'warning',
  });
  const model = await import(pathToFileURL(out).href);
  rmSync(dir, {recursive: true, force: true});
  return model;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * Parse + setKeys + serialize against the JS SDK's parser, interleaved, medians in ms:
 * {profiles, lines, bytes, smithy, ours, ratio, check}.
 */
export async function runIniBench({profiles: PROFILES = 5000, runs: RUNS_ = RUNS} = {}) {
  const model = await loadModel();
  const text = generate(PROFILES);
  const target = `profile-${String(Math.floor(PROFILES / 2)).padStart(5, '0')}`;
  const values = {
    aws_access_key_id: 'ASIAEXAMPLEEXAMPLE00',
    aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    aws_session_token: 'FwoGZXIvYXdzEBYaDH'.repeat(20),
    expiration: '2030-01-02 03:04:05',
    x_security_token_expires: '2030-01-02T03:04:05Z',
  };
  let n = 0;
  const smithy = async () => {
    const file = `/nonexistent/mfa-tui-bench/${n++}`;
    externalDataInterceptor.interceptFile(file, text);
    externalDataInterceptor.interceptFile(`${file}-config`, '');
    const t = performance.now();
    const read = await loadSharedConfigFiles({filepath: file, configFilepath: `${file}-config`});
    const ms = performance.now() - t;
    const record = externalDataInterceptor.getFileRecord();
    delete record[file];
    delete record[`${file}-config`];
    if (!read.credentialsFile[target]) throw new Error('smithy did not read the file');
    return ms;
  };
  const ours = () => {
    const t = performance.now();
    const doc = model.parseIni(text);
    const edited = model.setKeys(doc, target, values);
    if (!edited.ok) throw new Error(edited.error.message);
    const out = model.serializeIni(edited.value);
    const ms = performance.now() - t;
    if (out.length <= text.length) throw new Error('edit did not land');
    return ms;
  };
  const check = () => {
    const doc = model.parseIni(text);
    const edited = model.setKeys(doc, target, values);
    const t = performance.now();
    const result = model.checkWritable(doc, edited.value, 'credentials');
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(result.error.message);
    return ms;
  };

  for (let i = 0; i < WARMUP; i++) {
    await smithy();
    ours();
    check();
  }
  const a = [];
  const b = [];
  const c = [];
  // Interleaved, so both sides see the same machine load.
  for (let i = 0; i < RUNS_; i++) {
    a.push(await smithy());
    b.push(ours());
    c.push(check());
  }
  const base = median(a);
  const mine = median(b);
  return {
    profiles: PROFILES,
    lines: text.split('\n').length,
    bytes: text.length,
    smithy: base,
    ours: mine,
    ratio: mine / base,
    check: median(c),
  };
}

async function main() {
  const r = await runIniBench({profiles: Number(process.env.BENCH_PROFILES ?? 5000)});
  console.log(
    `INI store benchmark: ${r.profiles} profiles, ${r.lines} lines, ${(r.bytes / 1024).toFixed(0)} KiB`,
  );
  console.log(`  @smithy/shared-ini-file-loader parse   median ${r.smithy.toFixed(2)} ms`);
  console.log(`  parse + setKeys + serialize            median ${r.ours.toFixed(2)} ms`);
  console.log(`  ratio                                  ${r.ratio.toFixed(2)}x (aim: <= 1.5x)`);
  console.log(`  (write check, not in the ratio: checkWritable median ${r.check.toFixed(2)} ms)`);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) await main();
