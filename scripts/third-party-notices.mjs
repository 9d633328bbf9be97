// The licence notices of the packages esbuild bundled into dist/: their licences (MIT, ISC,
// Apache-2.0, …) ask that the notice travels with every copy, and the bundle strips the files.
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';

const licenceFile = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
const noticeFile = /^notice(\.(md|txt))?$/i;

/** The folder of each package a bundle input comes from (the innermost node_modules/ entry). */
function packageDirs(root, inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const parts = input.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) continue;
    const width = parts[at + 1]?.startsWith('@') ? 2 : 1;
    dirs.add(path.join(root, ...parts.slice(0, at + 1 + width)));
  }
  return [...dirs];
}

async function readMatching(dir, pattern) {
  const names = (await readdir(dir)).filter((name) => pattern.test(name)).sort();
  return Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
}

async function describe(dir) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  const licence = manifest.license ?? manifest.licenses?.map((l) => l.type).join(' OR ');
  if (!licence) throw new Error(`${manifest.name} declares no licence`);
  const texts = await readMatching(dir, licenceFile);
  const notices = await readMatching(dir, noticeFile);
  const text = [...texts, ...notices].map((t) => t.trim()).join('\n\n');
  const repository = manifest.repository?.url ?? manifest.repository ?? manifest.homepage;
  return {id: `${manifest.name}@${manifest.version}`, licence, text, repository};
}

/**
 * The notices file's text for esbuild's metafile inputs: each licence text once, after the list of
 * the packages it covers. A package that ships no licence text is listed with its licence's name.
 */
export async function thirdPartyNotices(root, metafile) {
  const described = await Promise.all(
    packageDirs(root, Object.keys(metafile.inputs)).map(describe),
  );
  // The same version can sit in several node_modules/ folders.
  const packages = [...new Map(described.map((p) => [p.id, p])).values()];
  packages.sort((a, b) => a.id.localeCompare(b.id));
  const byText = new Map();
  for (const p of packages) {
    const key =
      p.text ||
      `${p.id} ships no licence text. Its package.json declares the licence ${p.licence}` +
        (p.repository ? `; its source and notices: ${p.repository}` : '') +
        '.';
    byText.set(key, [...(byText.get(key) ?? []), p]);
  }
  const sections = [...byText].map(([text, group]) => {
    const names = group.map((p) => `  ${p.id} (${p.licence})`).join('\n');
    return `${'-'.repeat(72)}\n${names}\n\n${text}\n`;
  });
  return [
    'mfa-tui bundles the following packages into dist/. Their licences and notices follow.',
    '',
    ...sections,
  ].join('\n');
}
