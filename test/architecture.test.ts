// The boundaries STYLE.md promises, checked by reading import lines (type-only imports vanish at build time).
import {readFileSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot} from './helpers/cli.js';

const sourceRoot = path.join(repoRoot, 'source');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Static (run-time) imports of a file: `import … from`, `export … from`, side-effect imports; not `import type`, not `import()`. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
  )) {
    if (!m[1]) specs.push(m[2]!);
  }
  return specs;
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return undefined;
}

/** Every package a file pulls in at load time, following local imports transitively. */
function packagesReached(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) stack.push(local);
      else if (!spec.startsWith('.')) packages.set(spec, path.relative(repoRoot, file));
    }
  }
  return packages;
}

const heavy = /^(ink|react|@inkjs\/|@aws-sdk\/|conf$)/;

describe('architecture', () => {
  it('core/ imports nothing from ui/, store/, aws/, commands/ or sandbox/, and no Node I/O', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'core'))) {
      for (const spec of staticImports(file)) {
        expect(spec, path.relative(repoRoot, file)).not.toMatch(
          /\/(ui|store|aws|commands|sandbox)\//,
        );
        expect(spec, path.relative(repoRoot, file)).not.toMatch(
          /^node:(fs|child_process|net|http)/,
        );
      }
    }
  });

  it('ui/ never touches fs or the AWS SDK itself', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'ui'))) {
      for (const spec of staticImports(file)) {
        expect(spec, path.relative(repoRoot, file)).not.toMatch(
          /^(node:fs|fs|@aws-sdk\/|\.\.\/store\/|\.\.\/\.\.\/store\/)/,
        );
      }
    }
  });

  it.each([
    'list',
    'renew',
    'env',
    'check',
    'whoami',
    'credential-process',
    'precedence',
    'policy',
    'sandbox',
    // The TUI command itself: Ink and React come with the UI script it loads (tui-app.ts).
    'tui',
  ])('`%s` loads neither Ink/React nor the AWS SDK (nor conf) at start-up', (name) => {
    const reached = packagesReached(path.join(sourceRoot, 'commands', `${name}.ts`));
    const offenders = [...reached].filter(([pkg]) => heavy.test(pkg));
    expect(offenders).toEqual([]);
  });

  it('the scanner does see heavy packages where they belong (so the checks above can fail)', () => {
    expect(packagesReached(path.join(sourceRoot, 'ui', 'run-tui.tsx')).has('ink')).toBe(true);
    expect(packagesReached(path.join(sourceRoot, 'commands', 'tui-app.ts')).has('ink')).toBe(true);
  });

  it('the entry reaches no heavy package before a command is chosen', () => {
    const reached = packagesReached(path.join(sourceRoot, 'cli.tsx'));
    expect([...reached].filter(([pkg]) => heavy.test(pkg))).toEqual([]);
  });
});
