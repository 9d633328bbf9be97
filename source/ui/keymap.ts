// Keys as data: one table per scope, each key beside the action it dispatches. The matcher, the
// key bar and the help overlay are all built from this table, so what the help says is what the
// keys do.
import type {Action, CursorMove, KeyLimits} from './state/actions.js';
import {keyLabel, type Key} from './keys.js';

export type Binding = {
  /** The keys as the help writes them (see keyLabel): `Enter`, `Ctrl-C`, `↑`, `Space`, `g`. */
  keys: string[];
  /** What the help overlay says the key does. */
  help: string;
  /** Short label for the one-line key bar; bindings without one stay out of the bar. */
  bar?: string;
  action: (limits: KeyLimits) => Action;
};

export type ScopeTable = {
  title: string;
  note?: string;
  bindings: Binding[];
  /** Where unbound keys are typing: the action that takes the text. */
  text?: (text: string) => Action;
};

/** The type of an action that carries nothing else: enough to name it in the table. */
type Bare<A = Action> = A extends {type: infer T} ? (keyof A extends 'type' ? T : never) : never;

/** One row of the table: keys separated by spaces, the help, the bar label ('' for none), the action. */
function bind(
  keys: string,
  help: string,
  bar: string,
  action: Bare | Action | ((limits: KeyLimits) => Action),
): Binding {
  const fixed = typeof action === 'string' ? ({type: action} as Action) : action;
  return {
    keys: keys.split(' '),
    help,
    bar: bar || undefined,
    action: typeof fixed === 'function' ? fixed : () => fixed,
  };
}

const quit = bind('q Ctrl-C', 'quit', 'quit', 'app/quit');
const ctrlCQuit = bind('Ctrl-C', 'quit', '', 'app/quit');
const eraseHelp = 'erase the last character';
const renewErase = bind('Backspace Delete', eraseHelp, 'erase', 'renew/erased');
const sendCode = bind('Enter', 'send the code to STS', 'send', 'renew/started');
const durationField = bind(
  'Tab d',
  'change the session duration',
  'duration',
  'renew/field-toggled',
);
const cancelHelp = 'close the panel (in a batch: skip this profile)';
const cancelRenew = bind('Esc', cancelHelp, 'cancel', 'renew/cancelled');
const saveHelp = 'keep (or not) the device as mfa_serial in config';
const saveDevice = bind('s', saveHelp, 'save device', 'renew/save-toggled');
const codeNote = 'Type or paste the 6-digit code; it is sent as soon as it has 6 digits.';
const typing =
  (type: 'filter/typed' | 'renew/code-typed' | 'renew/duration-typed') =>
  (text: string): Action => ({type, text});
const cursor = (move: CursorMove): Action => ({type: 'cursor/moved', move});
const scroll =
  (type: 'precedence/scrolled' | 'help/scrolled', by: number | 'page', sign = 1) =>
  (l: KeyLimits): Action => ({
    type,
    by: sign * (by === 'page' ? (l.page ?? 10) : by),
    max: l.scrollMax ?? Infinity,
  });
const client = (by: number) => (l: KeyLimits) =>
  ({type: 'precedence/client-moved', by, count: l.clients ?? 4}) as const;

// Every scope's keys. Order is the order of the key bar and the help overlay.
const tables = {
  profiles: {
    title: 'Profiles',
    bindings: [
      bind('↑ k', 'previous profile', 'move', cursor('up')),
      bind('↓ j', 'next profile', 'move', cursor('down')),
      bind('PgUp Ctrl-B', 'one page up', '', cursor('page-up')),
      bind('PgDn Ctrl-F', 'one page down', '', cursor('page-down')),
      bind('Home g', 'first profile', '', cursor('top')),
      bind('End G', 'last profile', '', cursor('bottom')),
      bind('Enter r', 'renew the selected profile with an MFA code', 'renew', 'renew/opened'),
      bind('Space', 'mark or unmark the profile for a batch renewal', '', 'batch/mark-toggled'),
      bind('R', 'renew the marked, or expired ones on this device', 'batch', 'batch/opened'),
      bind('K', 'rotate the selected long-term key (asks y/N first)', '', 'rotate/opened'),
      bind('/', 'filter the profiles by name, kind or device', 'filter', 'filter/opened'),
      bind('Esc', 'clear the filter', '', 'filter/cleared'),
      bind('p', 'which identity each AWS client would use', 'precedence', 'precedence/opened'),
      bind('?', 'all keys', 'help', 'help/opened'),
      quit,
    ],
  },
  filter: {
    title: 'Filter',
    note: 'Type to filter; the list narrows as you type.',
    bindings: [
      bind('Enter', 'keep the filter and go back to the list', 'keep', 'filter/kept'),
      bind('Esc', 'clear the filter', 'clear', 'filter/cleared'),
      bind('Backspace Delete', eraseHelp, 'erase', 'filter/erased'),
      ctrlCQuit,
    ],
    text: typing('filter/typed'),
  },
  'renew-code': {
    title: 'Renew: MFA code',
    note: codeNote,
    bindings: [sendCode, durationField, renewErase, cancelRenew, ctrlCQuit],
    text: typing('renew/code-typed'),
  },
  'renew-code-found': {
    title: 'Renew: MFA code for a device found in IAM',
    note: `${codeNote} s keeps the device as mfa_serial in the config profile.`,
    bindings: [sendCode, saveDevice, durationField, renewErase, cancelRenew, ctrlCQuit],
    text: typing('renew/code-typed'),
  },
  'renew-device': {
    title: 'Renew: choose the MFA device',
    note: 'IAM lists several MFA devices for this user: choose the one whose code you will type.',
    bindings: [
      bind('↑ k', 'previous device', 'move', {type: 'renew/device-moved', by: -1}),
      bind('↓ j', 'next device', 'move', {type: 'renew/device-moved', by: 1}),
      bind('Enter', 'use this device', 'choose', 'renew/device-chosen'),
      saveDevice,
      cancelRenew,
      ctrlCQuit,
    ],
  },
  'renew-role': {
    title: 'Renew: role without a new code',
    note: 'No code needed: the MFA session the source holds signs AssumeRole (role chaining caps it at 1 h).',
    bindings: [
      bind('Enter r', 'assume the role now', 'renew', 'renew/started'),
      bind('n', 'sign with long-term keys and a new code instead', 'new code', 'renew/new-code'),
      durationField,
      cancelRenew,
      ctrlCQuit,
    ],
  },
  'renew-duration': {
    title: 'Renew: duration',
    note: 'Seconds or units: 3600, 1h30m, 12h (900 s to 36 h; 1 h for the root user).',
    bindings: [
      bind('Enter Tab', 'back to the code', 'done', 'renew/field-toggled'),
      renewErase,
      bind('Esc', 'close the panel; nothing is written', 'cancel', 'renew/cancelled'),
      ctrlCQuit,
    ],
    text: typing('renew/duration-typed'),
  },
  'renew-wait': {
    title: 'Renew: waiting',
    note: 'Each code works once: the next profile needs a code from a later 30-second step.',
    bindings: [
      bind('Esc', 'stop: close the panel (and the batch)', 'stop', 'renew/cancelled'),
      ctrlCQuit,
    ],
  },
  'renew-sending': {
    title: 'Renew: waiting for STS',
    note: 'The code is on its way. Esc stops waiting: a late answer is dropped and nothing is written.',
    bindings: [
      bind(
        'Esc',
        'stop waiting: back to the fields; nothing is written',
        'stop waiting',
        'renew/cancelled',
      ),
      ctrlCQuit,
    ],
  },
  'renew-hidden': {
    title: 'Renew: the panel does not fit',
    note: 'The terminal is too short for the renew panel: keys you cannot see do nothing. Enlarge it, or Esc.',
    bindings: [
      bind(
        'Esc',
        'what Esc does in the panel (close it, or stop waiting)',
        'close',
        'renew/cancelled',
      ),
      ctrlCQuit,
    ],
  },
  'renew-refused': {
    title: 'Renew: cannot renew this row',
    bindings: [bind('Esc Enter', 'close the panel', 'close', 'renew/cancelled'), ctrlCQuit],
  },
  'rotate-confirm': {
    title: 'Rotate: confirm',
    note: 'IAM makes a new key with the MFA session, the file gets it in place, the old key is deleted. Renew first if the session is not valid.',
    bindings: [
      bind('y', 'rotate the key now', 'rotate', 'rotate/confirmed'),
      bind('n Esc Enter', 'keep the key as it is', 'keep', 'rotate/cancelled'),
      ctrlCQuit,
    ],
  },
  'rotate-wait': {
    title: 'Rotate: waiting for IAM',
    note: 'The new key is proven with STS before the old one goes: this takes a few seconds.',
    bindings: [ctrlCQuit],
  },
  precedence: {
    title: 'Precedence',
    bindings: [
      bind('← h', 'previous client’s chain', 'client', client(-1)),
      bind('→ l', 'next client’s chain', 'client', client(1)),
      bind('↑ k', 'scroll up', 'scroll', scroll('precedence/scrolled', -1)),
      bind('↓ j', 'scroll down', 'scroll', scroll('precedence/scrolled', 1)),
      bind('PgUp', 'one page up', '', scroll('precedence/scrolled', 'page', -1)),
      bind('PgDn', 'one page down', '', scroll('precedence/scrolled', 'page')),
      bind(
        'a',
        'toggle "as if --profile" the selected profile',
        'as --profile',
        'precedence/as-profile-toggled',
      ),
      bind('v', 'verify with STS GetCallerIdentity', 'verify', 'verify/started'),
      bind('Esc p', 'back to the profiles', 'back', 'precedence/closed'),
      bind('?', 'all keys', 'help', 'help/opened'),
      quit,
    ],
  },
  help: {
    title: 'Help',
    bindings: [
      bind('↑ k', 'scroll up', 'scroll', scroll('help/scrolled', -1)),
      bind('↓ j', 'scroll down', 'scroll', scroll('help/scrolled', 1)),
      bind('Esc ? q', 'close the help', 'close', 'help/closed'),
      ctrlCQuit,
    ],
  },
};

/** Where keys are heard: a screen, the filter line, a state of the renew panel, the help. */
export type Scope = keyof typeof tables;
export const keymap: Record<Scope, ScopeTable> = tables;

/** The scopes in the order the help overlay lists them. */
export const scopeOrder = Object.keys(keymap) as Scope[];

const matchers = new Map(
  scopeOrder.map((scope) => {
    const byLabel = new Map<string, Binding>();
    for (const b of keymap[scope].bindings) for (const k of b.keys) byLabel.set(k, b);
    return [scope, byLabel];
  }),
);

/** The binding a key press means in a scope, or undefined (then a text field takes it as typing). */
export function matchBinding(scope: Scope, key: Key): Binding | undefined {
  const label = keyLabel(key);
  return label === undefined ? undefined : matchers.get(scope)!.get(label);
}

export type BarItem = {keys: string; label: string};

/** The key bar's items: bindings with a `bar` label, neighbours with the same label merged (`↑↓ move`). */
export function barItems(scope: Scope): BarItem[] {
  const items: BarItem[] = [];
  for (const binding of keymap[scope].bindings) {
    if (!binding.bar) continue;
    const first = binding.keys[0]!;
    const last = items[items.length - 1];
    if (last && last.label === binding.bar)
      last.keys += first.length === 1 && last.keys.length === 1 ? first : `/${first}`;
    else items.push({keys: first, label: binding.bar});
  }
  return items;
}

/** The key bar's items that fit in `width` columns: those that do not are dropped from the end. */
export function barFitting(scope: Scope, width: number): BarItem[] {
  let used = -2;
  return barItems(scope).filter((item) => {
    used += 2 + item.keys.length + 1 + item.label.length;
    return used <= width;
  });
}

/** The key bar as one line no wider than `width`. */
export function keyBarText(scope: Scope, width: number): string {
  return barFitting(scope, width)
    .map((i) => `${i.keys} ${i.label}`)
    .join('  ');
}

export type HelpRow = {keys: string; help: string};
export type HelpSection = {title: string; note?: string; rows: HelpRow[]};

/** The help overlay's content: every scope's bindings, the current scope first. */
export function helpSections(first?: Scope): HelpSection[] {
  const order = first ? [first, ...scopeOrder.filter((s) => s !== first)] : scopeOrder;
  return order.map((scope) => ({
    title: keymap[scope].title,
    note: keymap[scope].note,
    rows: keymap[scope].bindings.map((b) => ({keys: b.keys.join(' '), help: b.help})),
  }));
}
