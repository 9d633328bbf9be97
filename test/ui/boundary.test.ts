// The lines the architecture draws, checked from the import statements themselves.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot} from '../helpers/cli.js';

const source = path.join(repoRoot, 'source');

/** Static imports of a file (not `import type`, not dynamic `import()`), as written. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Every file and package reached by static imports from `entry`. */
function reach(entry: string): {files: Set<string>; packages: Set<string>} {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) todo.push(next);
      } else packages.add(spec);
    }
  }
  return {files, packages};
}

const uiFiles = (dir = path.join(source, 'ui')): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((d) =>
    d.isDirectory() ? uiFiles(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );

describe('ui/ boundary', () => {
  it('ui/ never touches the disk, the network or the SDK itself', () => {
    for (const file of uiFiles()) {
      for (const spec of staticImports(file)) {
        expect(spec, `${path.relative(repoRoot, file)} imports ${spec}`).not.toMatch(
          /^(node:)?(fs|fs\/promises|net|http|https|child_process)$|^@aws-sdk\/|\/store\/|\/aws\/|\/commands\//,
        );
      }
    }
  });

  it('no command loads Ink or React until the TUI is opened', () => {
    const commandsDir = path.join(source, 'commands');
    // tui-app.ts is the TUI itself (its edge and the UI, one bundle): commands/tui.ts loads it
    // when the TUI opens, and no command reaches it statically (checked here too).
    const tuiApp = path.join(commandsDir, 'tui-app.ts');
    for (const name of readdirSync(commandsDir).filter(
      (f) => f.endsWith('.ts') && f !== 'tui-app.ts',
    )) {
      expect(reach(path.join(commandsDir, name)).files.has(tuiApp), name).toBe(false);
      const {files, packages} = reach(path.join(commandsDir, name));
      const ui = [...packages].filter((p) => /^(ink|react|@inkjs\/ui)(\/|$)/.test(p));
      expect(ui, `commands/${name} statically imports ${ui.join(', ')}`).toEqual([]);
      const tsx = [...files].filter((f) => f.endsWith('.tsx'));
      expect(tsx, `commands/${name} statically reaches ${tsx.join(', ')}`).toEqual([]);
    }
  });

  it('can see a static import when there is one (the check itself works)', () => {
    const {packages} = reach(path.join(source, 'ui', 'run-tui.tsx'));
    expect(packages).toContain('ink');
  });
});
