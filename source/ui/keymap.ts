// Keys as data: one table per screen. The matchers, the key bar and the help overlay are all
// built from these tables, so what the help says is what the keys do.
import type {Key} from 'ink';

export type Scope =
  | 'profiles'
  | 'filter'
  | 'renew-code'
  | 'renew-code-found'
  | 'renew-device'
  | 'renew-role'
  | 'renew-duration'
  | 'renew-wait'
  | 'renew-refused'
  | 'precedence'
  | 'help';

export type Command =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'renew'
  | 'mark'
  | 'renew-batch'
  | 'choose-device'
  | 'toggle-save'
  | 'new-code'
  | 'filter'
  | 'clear-filter'
  | 'keep-filter'
  | 'precedence'
  | 'help'
  | 'quit'
  | 'erase'
  | 'submit'
  | 'cancel'
  | 'duration-field'
  | 'code-field'
  | 'back'
  | 'as-profile'
  | 'verify'
  | 'prev-client'
  | 'next-client'
  | 'close-help';

export type NamedKey =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete';

/** One key combination: a named key, or a typed character, optionally with Ctrl. */
export type KeySpec = {key?: NamedKey; input?: string; ctrl?: boolean};

export type Binding = {
  command: Command;
  keys: KeySpec[];
  /** What the help overlay says the command does. */
  help: string;
  /** Short label for the one-line key bar; bindings without one stay out of the bar. */
  bar?: string;
};

export type ScopeTable = {title: string; note?: string; bindings: Binding[]};

const quit: Binding = {
  command: 'quit',
  keys: [{input: 'q'}, {input: 'c', ctrl: true}],
  help: 'quit',
  bar: 'quit',
};
const ctrlCQuit: Binding = {command: 'quit', keys: [{input: 'c', ctrl: true}], help: 'quit'};
const erase: Binding = {
  command: 'erase',
  keys: [{key: 'backspace'}, {key: 'delete'}],
  help: 'erase the last character',
};

const sendCode: Binding = {
  command: 'submit',
  keys: [{key: 'return'}],
  help: 'send the code to STS',
  bar: 'send',
};
const durationField: Binding = {
  command: 'duration-field',
  keys: [{key: 'tab'}, {input: 'd'}],
  help: 'change the session duration',
  bar: 'duration',
};
const cancelRenew: Binding = {
  command: 'cancel',
  keys: [{key: 'escape'}],
  help: 'close the panel (in a batch: skip this profile)',
  bar: 'cancel',
};
const codeNote = 'Type or paste the 6-digit code; it is sent as soon as it has 6 digits.';

/** Every screen's keys. Order is the order of the key bar and the help overlay. */
export const keymap: Record<Scope, ScopeTable> = {
  profiles: {
    title: 'Profiles',
    bindings: [
      {
        command: 'up',
        keys: [{key: 'upArrow'}, {input: 'k'}],
        help: 'previous profile',
        bar: 'move',
      },
      {
        command: 'down',
        keys: [{key: 'downArrow'}, {input: 'j'}],
        help: 'next profile',
        bar: 'move',
      },
      {command: 'page-up', keys: [{key: 'pageUp'}, {input: 'b', ctrl: true}], help: 'one page up'},
      {
        command: 'page-down',
        keys: [{key: 'pageDown'}, {input: 'f', ctrl: true}],
        help: 'one page down',
      },
      {command: 'top', keys: [{key: 'home'}, {input: 'g'}], help: 'first profile'},
      {command: 'bottom', keys: [{key: 'end'}, {input: 'G'}], help: 'last profile'},
      {
        command: 'renew',
        keys: [{key: 'return'}, {input: 'r'}],
        help: 'renew the selected profile with an MFA code',
        bar: 'renew',
      },
      {
        command: 'mark',
        keys: [{input: ' '}],
        help: 'mark or unmark the profile for a batch renewal',
      },
      {
        command: 'renew-batch',
        keys: [{input: 'R'}],
        help: 'renew the marked, or expired ones on this device',
        bar: 'batch',
      },
      {
        command: 'filter',
        keys: [{input: '/'}],
        help: 'filter the profiles by name, kind or device',
        bar: 'filter',
      },
      {command: 'clear-filter', keys: [{key: 'escape'}], help: 'clear the filter'},
      {
        command: 'precedence',
        keys: [{input: 'p'}],
        help: 'which identity each AWS client would use',
        bar: 'precedence',
      },
      {command: 'help', keys: [{input: '?'}], help: 'all keys', bar: 'help'},
      quit,
    ],
  },
  filter: {
    title: 'Filter',
    note: 'Type to filter; the list narrows as you type.',
    bindings: [
      {
        command: 'keep-filter',
        keys: [{key: 'return'}],
        help: 'keep the filter and go back to the list',
        bar: 'keep',
      },
      {command: 'clear-filter', keys: [{key: 'escape'}], help: 'clear the filter', bar: 'clear'},
      {...erase, bar: 'erase'},
      ctrlCQuit,
    ],
  },
  'renew-code': {
    title: 'Renew: MFA code',
    note: codeNote,
    bindings: [sendCode, durationField, {...erase, bar: 'erase'}, cancelRenew, ctrlCQuit],
  },
  'renew-code-found': {
    title: 'Renew: MFA code for a device found in IAM',
    note: `${codeNote} s keeps the device as mfa_serial in the config profile.`,
    bindings: [
      sendCode,
      {
        command: 'toggle-save',
        keys: [{input: 's'}],
        help: 'keep (or not) the device as mfa_serial in config',
        bar: 'save device',
      },
      durationField,
      {...erase, bar: 'erase'},
      cancelRenew,
      ctrlCQuit,
    ],
  },
  'renew-device': {
    title: 'Renew: choose the MFA device',
    note: 'IAM lists several MFA devices for this user: choose the one whose code you will type.',
    bindings: [
      {command: 'up', keys: [{key: 'upArrow'}, {input: 'k'}], help: 'previous device', bar: 'move'},
      {command: 'down', keys: [{key: 'downArrow'}, {input: 'j'}], help: 'next device', bar: 'move'},
      {
        command: 'choose-device',
        keys: [{key: 'return'}],
        help: 'use this device',
        bar: 'choose',
      },
      {
        command: 'toggle-save',
        keys: [{input: 's'}],
        help: 'keep (or not) the device as mfa_serial in config',
        bar: 'save device',
      },
      cancelRenew,
      ctrlCQuit,
    ],
  },
  'renew-role': {
    title: 'Renew: role without a new code',
    note: 'No code needed: the MFA session the source holds signs AssumeRole (role chaining caps it at 1 h).',
    bindings: [
      {
        command: 'submit',
        keys: [{key: 'return'}, {input: 'r'}],
        help: 'assume the role now',
        bar: 'renew',
      },
      {
        command: 'new-code',
        keys: [{input: 'n'}],
        help: 'sign with long-term keys and a new code instead',
        bar: 'new code',
      },
      durationField,
      cancelRenew,
      ctrlCQuit,
    ],
  },
  'renew-duration': {
    title: 'Renew: duration',
    note: 'Seconds or units: 3600, 1h30m, 12h (900 s to 36 h; 1 h for the root user).',
    bindings: [
      {
        command: 'code-field',
        keys: [{key: 'return'}, {key: 'tab'}],
        help: 'back to the code',
        bar: 'done',
      },
      {...erase, bar: 'erase'},
      {
        command: 'cancel',
        keys: [{key: 'escape'}],
        help: 'close the panel; nothing is written',
        bar: 'cancel',
      },
      ctrlCQuit,
    ],
  },
  'renew-wait': {
    title: 'Renew: waiting',
    note: 'Each code works once: the next profile needs a code from a later 30-second step.',
    bindings: [
      {
        command: 'cancel',
        keys: [{key: 'escape'}],
        help: 'stop: close the panel (and the batch)',
        bar: 'stop',
      },
      ctrlCQuit,
    ],
  },
  'renew-refused': {
    title: 'Renew: cannot renew this row',
    bindings: [
      {
        command: 'cancel',
        keys: [{key: 'escape'}, {key: 'return'}],
        help: 'close the panel',
        bar: 'close',
      },
      ctrlCQuit,
    ],
  },
  precedence: {
    title: 'Precedence',
    bindings: [
      {
        command: 'prev-client',
        keys: [{key: 'leftArrow'}, {input: 'h'}],
        help: 'previous client’s chain',
        bar: 'client',
      },
      {
        command: 'next-client',
        keys: [{key: 'rightArrow'}, {input: 'l'}],
        help: 'next client’s chain',
        bar: 'client',
      },
      {command: 'up', keys: [{key: 'upArrow'}, {input: 'k'}], help: 'scroll up', bar: 'scroll'},
      {
        command: 'down',
        keys: [{key: 'downArrow'}, {input: 'j'}],
        help: 'scroll down',
        bar: 'scroll',
      },
      {command: 'page-up', keys: [{key: 'pageUp'}], help: 'one page up'},
      {command: 'page-down', keys: [{key: 'pageDown'}], help: 'one page down'},
      {
        command: 'as-profile',
        keys: [{input: 'a'}],
        help: 'toggle "as if --profile" the selected profile',
        bar: 'as --profile',
      },
      {
        command: 'verify',
        keys: [{input: 'v'}],
        help: 'verify with STS GetCallerIdentity',
        bar: 'verify',
      },
      {
        command: 'back',
        keys: [{key: 'escape'}, {input: 'p'}],
        help: 'back to the profiles',
        bar: 'back',
      },
      {command: 'help', keys: [{input: '?'}], help: 'all keys', bar: 'help'},
      quit,
    ],
  },
  help: {
    title: 'Help',
    bindings: [
      {command: 'up', keys: [{key: 'upArrow'}, {input: 'k'}], help: 'scroll up', bar: 'scroll'},
      {
        command: 'down',
        keys: [{key: 'downArrow'}, {input: 'j'}],
        help: 'scroll down',
        bar: 'scroll',
      },
      {
        command: 'close-help',
        keys: [{key: 'escape'}, {input: '?'}, {input: 'q'}],
        help: 'close the help',
        bar: 'close',
      },
      ctrlCQuit,
    ],
  },
};

/** The scopes in the order the help overlay lists them. */
export const scopeOrder: Scope[] = [
  'profiles',
  'filter',
  'renew-code',
  'renew-code-found',
  'renew-device',
  'renew-role',
  'renew-duration',
  'renew-wait',
  'renew-refused',
  'precedence',
  'help',
];

const keyNames: Record<NamedKey, string> = {
  upArrow: '↑',
  downArrow: '↓',
  leftArrow: '←',
  rightArrow: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
};

/** How a key is written in the bar and the help: `Enter`, `Ctrl-C`, `↑`, `/`. */
export function keyLabel(spec: KeySpec): string {
  const base = spec.key ? keyNames[spec.key] : spec.input === ' ' ? 'Space' : (spec.input ?? '');
  return spec.ctrl ? `Ctrl-${base.toUpperCase()}` : base;
}

function specMatches(spec: KeySpec, input: string, key: Key): boolean {
  if (!!spec.ctrl !== !!key.ctrl) return false;
  if (spec.key) return key[spec.key] === true;
  // Escape sets `meta` in Ink; a typed character with Alt held is not the plain key.
  return input === spec.input && !key.meta;
}

/** The command a key press means in a scope, or undefined (then text fields take it as typing). */
export function matchCommand(scope: Scope, input: string, key: Key): Command | undefined {
  for (const binding of keymap[scope].bindings) {
    if (binding.keys.some((spec) => specMatches(spec, input, key))) return binding.command;
  }
  return undefined;
}

export type BarItem = {keys: string; label: string};

/** The key bar's items: bindings with a `bar` label, neighbours with the same label merged (`↑↓ move`). */
export function barItems(scope: Scope): BarItem[] {
  const items: BarItem[] = [];
  for (const binding of keymap[scope].bindings) {
    if (!binding.bar) continue;
    const first = keyLabel(binding.keys[0]);
    const last = items[items.length - 1];
    if (last && last.label === binding.bar)
      last.keys += first.length === 1 && last.keys.length === 1 ? first : `/${first}`;
    else items.push({keys: first, label: binding.bar});
  }
  return items;
}

/** The key bar as one line no wider than `width`: items that do not fit are dropped from the end. */
export function keyBarText(scope: Scope, width: number): string {
  const parts = barItems(scope).map((i) => `${i.keys} ${i.label}`);
  let line = '';
  for (const part of parts) {
    const next = line ? `${line}  ${part}` : part;
    if (next.length > width) break;
    line = next;
  }
  return line;
}

export type HelpRow = {keys: string; help: string};
export type HelpSection = {title: string; note?: string; rows: HelpRow[]};

/** The help overlay's content: every scope's bindings, the current scope first. */
export function helpSections(first?: Scope): HelpSection[] {
  const order = first ? [first, ...scopeOrder.filter((s) => s !== first)] : scopeOrder;
  return order.map((scope) => ({
    title: keymap[scope].title,
    note: keymap[scope].note,
    rows: keymap[scope].bindings.map((b) => ({keys: b.keys.map(keyLabel).join(' '), help: b.help})),
  }));
}

/** The key table as Markdown, for docs/keys.md (a test keeps that file equal to this). */
export function keyTableMarkdown(): string {
  const out = [
    '# Keys',
    '',
    'Generated from `source/ui/keymap.ts`, the table the TUI itself uses.',
    '',
  ];
  for (const section of helpSections()) {
    out.push(`## ${section.title}`, '');
    if (section.note) out.push(section.note, '');
    out.push('| keys | does |', '|---|---|');
    for (const row of section.rows) {
      const keys = row.keys
        .split(' ')
        .map((k) => `\`${k.replace('|', '\\|')}\``)
        .join(' ');
      out.push(`| ${keys} | ${row.help.replace('|', '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
