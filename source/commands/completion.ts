// `mfa-tui completion bash|zsh|fish`: a completion script built from the command table, so it
// completes exactly the commands and flags there are. Profile names come from
// `mfa-tui __complete profiles` on each Tab, so they follow the files.
import {exportFormats} from '../core/export-formats.js';
import {command, commonFlags, usageError} from './args.js';
import {exit} from './context.js';
import {commands, flagsOf} from './index.js';

const usage = `Usage: mfa-tui completion bash|zsh|fish

Prints a completion script for the shell: commands, flags, --format values and profile names.
  bash   add to ~/.bashrc:                 source <(mfa-tui completion bash)
  zsh    add to ~/.zshrc:                  source <(mfa-tui completion zsh)
  fish   save it once:  mfa-tui completion fish > ~/.config/fish/completions/mfa-tui.fish`;

const shells = ['bash', 'zsh', 'fish'] as const;

/** Flags of every command, before or after it. */
const common = [...commonFlags.split(' '), 'version'];
const all = Object.entries(commands)
  .filter(([, c]) => !c.hidden)
  .map(([name, c]) => ({name, summary: c.summary, flags: flagsOf(name), profiles: c.profiles}));
const names = all.map((c) => c.name).join(' ');
const profileCommands = all.filter((c) => c.profiles).map((c) => c.name);
const formats = `${exportFormats.join(' ')} bash zsh sh`;

/** Flags whose value is a path: fish offers files for them (and for nothing else). */
const pathFlags = new Set(['dir=', 'state=']);

const flagName = (f: string) => `--${f.replace(/=$/, '')}`;
const takesValue = (f: string) => f.endsWith('=');

/** The bash script (zsh runs it through bashcompinit). */
function bashScript(): string {
  const valueFlags = new Set(
    [...common, ...all.flatMap((c) => c.flags)].filter(takesValue).map(flagName),
  );
  // Their values are completed (profiles, formats) before these are looked at.
  for (const f of ['--profile', '--format', '--shell']) valueFlags.delete(f);
  const flagCases = all
    .filter((c) => c.flags.length)
    .map((c) => `        ${c.name}) words='${c.flags.map(flagName).join(' ')}' ;;`);
  return `# mfa-tui completion for bash: source <(mfa-tui completion bash)
_mfa_tui_profiles() {
  "\${COMP_WORDS[0]}" __complete profiles 2>/dev/null
}
_mfa_tui() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= words= i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      --endpoint-url | --region | --profile) ((i++)) ;;
      -*) ;;
      *) cmd=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $prev in
    --profile) words=$(_mfa_tui_profiles) ;;
    --format | --shell) words='${formats}' ;;
    ${[...valueFlags].join(' | ')}) return 0 ;;
    *)
      if [[ $cur == -* ]]; then
        case $cmd in
        '') words='--profile' ;;
${flagCases.join('\n')}
        esac
        words="$words ${common.map(flagName).join(' ')}"
      else
        case $cmd in
        '') words='${names} help' ;;
        help) words='${names}' ;;
        completion) words='${shells.join(' ')}' ;;
        ${profileCommands.join(' | ')}) words=$(_mfa_tui_profiles) ;;
        esac
      fi
      ;;
  esac
  # One candidate a line, neither split again nor globbed (a profile may be named x*).
  mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}
complete -F _mfa_tui mfa-tui
`;
}

function zshScript(): string {
  return `# mfa-tui completion for zsh: source <(mfa-tui completion zsh)
(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }
autoload -U +X bashcompinit && bashcompinit
${bashScript()}`;
}

/** The fish script: one `complete` line per command, flag and value list. */
function fishScript(): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const flag = (f: string, when?: string) =>
    `complete -c mfa-tui${when ? ` -n ${q(`__fish_seen_subcommand_from ${when}`)}` : ''} -l ${flagName(f).slice(2)}${takesValue(f) ? ' -r' : ''}${pathFlags.has(f) ? ' -F' : ''}`;
  const lines = [
    '# mfa-tui completion for fish: mfa-tui completion fish > ~/.config/fish/completions/mfa-tui.fish',
    'complete -c mfa-tui -f',
    ...all.map(
      (c) => `complete -c mfa-tui -n __fish_use_subcommand -a ${c.name} -d ${q(c.summary)}`,
    ),
    `complete -c mfa-tui -n __fish_use_subcommand -a help -d ${q('a command’s usage')}`,
    ...common.map((f) => flag(f)),
    ...all.flatMap((c) => c.flags.filter((f) => f !== 'profile=').map((f) => flag(f, c.name))),
    `complete -c mfa-tui -l profile -x -a '(mfa-tui __complete profiles)'`,
    `complete -c mfa-tui -l format -l shell -x -a ${q(formats)}`,
    `complete -c mfa-tui -n ${q(`__fish_seen_subcommand_from ${profileCommands.join(' ')}`)} -a '(mfa-tui __complete profiles)'`,
    `complete -c mfa-tui -n '__fish_seen_subcommand_from completion' -a ${q(shells.join(' '))}`,
    `complete -c mfa-tui -n '__fish_seen_subcommand_from help' -a ${q(names)}`,
  ];
  return `${lines.join('\n')}\n`;
}

const scripts = {bash: bashScript, zsh: zshScript, fish: fishScript};

export const run = command('completion', usage, {min: 1, max: 1}, async (ctx, args) => {
  const shell = args.positionals[0]!;
  if (!Object.hasOwn(scripts, shell)) {
    return usageError(ctx, `unknown shell "${shell}": use one of ${shells.join(', ')}`);
  }
  ctx.stdout.write(scripts[shell as keyof typeof scripts]());
  return exit.ok;
});
