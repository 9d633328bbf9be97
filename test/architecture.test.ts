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

/** Every import of a file, type-only and dynamic ones included. */
function allImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[
      ...text.matchAll(/^(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ],
    ...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)],
  ].map((m) => m[1]!);
}

/** The layer (top folder under source/) a local import of `file` lands in, if it is one of ours. */
function layerOf(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = path.relative(sourceRoot, path.resolve(path.dirname(from), spec));
  return target.includes(path.sep) ? target.split(path.sep)[0] : target.replace(/\.js$/, '');
}

/** The command files: those the command table (commands/index.ts) loads. */
function commandFiles(): Set<string> {
  const table = readFileSync(path.join(sourceRoot, 'commands', 'index.ts'), 'utf8');
  return new Set(
    [...table.matchAll(/import\('\.\/([\w-]+)\.js'\)/g)].map((m) =>
      path.join(sourceRoot, 'commands', `${m[1]}.ts`),
    ),
  );
}

const rel = (file: string) => path.relative(repoRoot, file);

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
  it('core/ imports nothing of ours outside core/, and no Node I/O', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'core'))) {
      for (const spec of allImports(file)) {
        expect(layerOf(file, spec) ?? 'core', `${rel(file)}: ${spec}`).toBe('core');
        expect(spec, rel(file)).not.toMatch(/^node:(fs|child_process|net|http)/);
      }
    }
  });

  it('app/ composes core/, store/ and aws/: it never reaches commands/ or ui/ (types aside)', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'app'))) {
      for (const spec of staticImports(file)) {
        expect(['commands', 'ui', 'sandbox'], `${rel(file)}: ${spec}`).not.toContain(
          layerOf(file, spec),
        );
      }
    }
  });

  it('ui/ reaches the world only through its ports: no fs, store/, aws/, app/ or commands/ (types aside)', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'ui'))) {
      for (const spec of staticImports(file)) {
        expect(spec, rel(file)).not.toMatch(/^(node:fs|fs|@aws-sdk\/)/);
        expect(
          ['store', 'aws', 'app', 'commands', 'sandbox'],
          `${rel(file)}: ${spec}`,
        ).not.toContain(layerOf(file, spec));
      }
    }
  });

  it('commands/ reach the files and AWS only through app/ (no store/ or aws/ import at all)', () => {
    for (const file of filesUnder(path.join(sourceRoot, 'commands'))) {
      for (const spec of allImports(file)) {
        expect(['store', 'aws'], `${rel(file)}: ${spec}`).not.toContain(layerOf(file, spec));
        expect(spec, rel(file)).not.toMatch(/^@aws-sdk\//);
      }
    }
  });

  it('no command imports another command (the command table aside)', () => {
    const commands = commandFiles();
    expect(commands.size).toBeGreaterThan(5);
    for (const file of filesUnder(path.join(sourceRoot, 'commands'))) {
      if (file.endsWith(`${path.sep}index.ts`)) continue;
      for (const spec of allImports(file)) {
        const local = resolveLocal(file, spec);
        expect(local && commands.has(local), `${rel(file)} imports ${spec}`).toBeFalsy();
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
    // The TUI command itself: Ink and React come with tui-app.ts, which it loads only on a terminal.
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

  it('no source file is over 400 lines (small files a reader can hold)', () => {
    const long = filesUnder(sourceRoot)
      .map((file) => [path.relative(repoRoot, file), readFileSync(file, 'utf8').split('\n').length])
      .filter(([, lines]) => (lines as number) > 401);
    expect(long).toEqual([]);
  });
});
