// Keys as data: one table per scope, each key beside the action it dispatches. The matcher, the
// key bar and the help overlay are all built from this table, so what the help says is what the
// keys do. Ink's (input, key) pair is converted once to the UI's own key event, where useInput
// hears it; the keymap and the reducer see only that.
import type {Key as InkKey} from 'ink';
import {roleLimits, sessionLimits} from '../core/durations.js';
import type {Action, CursorMove, KeyLimits} from './state/actions.js';

const ranges = {
  session: `${sessionLimits.min} s to ${sessionLimits.max / 3600} h; ${sessionLimits.rootMax / 3600} h for the root user`,
  role: `${roleLimits.min} s to ${roleLimits.max / 3600} h for a role; ${roleLimits.chained / 3600} h when a session signs`,
};

/** What the duration field takes for a plan of this kind; both kinds' limits without one (the help). */
export function durationNote(kind?: 'session' | 'role'): string {
  const range = kind ? ranges[kind] : `${ranges.session}; ${ranges.role}`;
  return `Seconds or units: 3600, 1h30m, 12h (${range}).`;
}

/** One read from the terminal: a named key, or text (several characters when typed fast or pasted). */
export type Key = {name?: KeyName; text: string; ctrl?: boolean; meta?: boolean};

// Ink's flag for each named key, and the name as the key bar and the help write it.
const inkNames = [
  ['upArrow', '↑'],
  ['downArrow', '↓'],
  ['leftArrow', '←'],
  ['rightArrow', '→'],
  ['pageUp', 'PgUp'],
  ['pageDown', 'PgDn'],
  ['home', 'Home'],
  ['end', 'End'],
  ['return', 'Enter'],
  ['escape', 'Esc'],
  ['tab', 'Tab'],
  ['backspace', 'Backspace'],
  ['delete', 'Delete'],
] as const satisfies ReadonlyArray<readonly [keyof InkKey, string]>;

type KeyName = (typeof inkNames)[number][1];

export function fromInk(input: string, key: InkKey): Key {
  const name = inkNames.find(([flag]) => key[flag] === true)?.[1];
  return {name, text: name ? '' : input, ctrl: key.ctrl, meta: key.meta};
}

// As Ink reads them alone: BS is backspace, DEL (what most terminals send for ⌫) is delete.
const controlNames: Record<string, KeyName> = {
  '\r': 'Enter',
  '\t': 'Tab',
  '\b': 'Backspace',
  '\x7f': 'Delete',
};

/** One character of a longer read, as Ink would have reported it alone. */
export function charKey(char: string): Key {
  const name = controlNames[char];
  return name ? {name, text: ''} : {text: char};
}

const names = new Set<string>(inkNames.map(([, name]) => name));

/**
 * How a key is written in the key table: `Enter`, `Ctrl-C`, `↑`, `Space`, `/`; undefined for what
 * no binding can mean: several characters, Alt with a character (not the plain key), or a
 * character that only looks like a key's name (`↑` typed, or "Esc" pasted).
 */
export function keyLabel(key: Key): string | undefined {
  if (key.name) return key.ctrl ? `Ctrl-${key.name}` : key.name;
  if ([...key.text].length !== 1 || names.has(key.text)) return undefined;
  if (key.ctrl) return `Ctrl-${key.text.toUpperCase()}`;
  if (key.meta) return undefined;
  return key.text === ' ' ? 'Space' : key.text;
}

type Act = (limits: KeyLimits) => Action;

/** `keys` as keyLabel writes them; `bar`: the key bar's label ('': not in the bar). */
type Binding = {keys: string[]; help: string; bar: string; action: Act};

/** `text`: where unbound keys are typing, the action that takes the text. */
type ScopeTable = {
  title: string;
  note?: string;
  bindings: Binding[];
  text?: (text: string) => Action;
};

/** The type of an action that carries nothing else: enough to name it in the table. */
type Bare<A = Action> = A extends {type: infer T} ? (keyof A extends 'type' ? T : never) : never;

/** One row of the table: keys separated by spaces, the help, the bar label ('' for none), the action. */
function bind(keys: string, help: string, bar: string, action: Bare | Action | Act): Binding {
  const fixed = typeof action === 'string' ? ({type: action} as Action) : action;
  const act = typeof fixed === 'function' ? fixed : () => fixed;
  return {keys: keys.split(' '), help, bar, action: act};
}

const quit = bind('q Ctrl-C', 'quit', 'quit', 'app/quit');
const ctrlCQuit = bind('Ctrl-C', 'quit', '', 'app/quit');
const eraseHelp = 'erase the last character';
const renewErase = bind('Backspace Delete', eraseHelp, 'erase', 'renew/erased');
const sendCode = bind('Enter', 'send the code to STS', 'send', 'renew/started');
const durationHelp = 'change the session duration';
const durationField = bind('Tab d', durationHelp, 'duration', 'renew/field-toggled');
const cancelHelp = 'close the panel (in a batch: skip this profile)';
const cancelRenew = bind('Esc', cancelHelp, 'cancel', 'renew/cancelled');
const saveHelp = 'keep (or not) the device as mfa_serial in config';
const saveDevice = bind('s', saveHelp, 'save device', 'renew/save-toggled');
const stopWaitingHelp = 'stop waiting: back to the fields; nothing is written';
const hiddenEscHelp = 'what Esc does in the panel (close it, or stop waiting)';
const asProfileHelp = 'toggle "as if --profile" the selected profile';
const codeNote = 'Type or paste the 6-digit code; it is sent as soon as it has 6 digits.';
const typing =
  (type: 'filter/typed' | 'renew/code-typed' | 'renew/duration-typed') =>
  (text: string): Action => ({type, text});
const cursor = (move: CursorMove): Action => ({type: 'cursor/moved', move});
const batchOpened = (l: KeyLimits): Action => ({type: 'batch/opened', now: l.now});
const scroll =
  (type: 'precedence/scrolled' | 'help/scrolled', by: number | 'page', sign = 1) =>
  (l: KeyLimits): Action => {
    const step = by === 'page' ? (l.page ?? 10) : by;
    return {type, by: sign * step, max: l.scrollMax ?? Infinity};
  };
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
      bind('R', 'renew the marked, or expired ones on this device', 'batch', batchOpened),
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
    note: durationNote(),
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
    bindings: [bind('Esc', stopWaitingHelp, 'stop waiting', 'renew/cancelled'), ctrlCQuit],
  },
  'renew-hidden': {
    title: 'Renew: the panel does not fit',
    note: 'The terminal is too short for the renew panel: keys you cannot see do nothing. Enlarge it, or Esc.',
    bindings: [bind('Esc', hiddenEscHelp, 'close', 'renew/cancelled'), ctrlCQuit],
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
      bind('a', asProfileHelp, 'as --profile', 'precedence/as-profile-toggled'),
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

/** The binding a key press means in a scope, or undefined (then a text field takes it as typing). */
export function matchBinding(scope: Scope, key: Key): Binding | undefined {
  const label = keyLabel(key) ?? '';
  return keymap[scope].bindings.find((b) => b.keys.includes(label));
}

/** The key bar's items: bindings with a `bar` label, neighbours with the same label merged (`↑↓ move`). */
export function barItems(scope: Scope) {
  const items: {keys: string; label: string}[] = [];
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
export function barFitting(scope: Scope, width: number) {
  let used = -2;
  return barItems(scope).filter((item) => {
    used += 2 + item.keys.length + 1 + item.label.length;
    return used <= width;
  });
}

/** The help overlay's content: every scope's bindings, the current scope first. */
export function helpSections(first?: Scope) {
  const order = first ? [first, ...scopeOrder.filter((s) => s !== first)] : scopeOrder;
  return order.map((scope) => ({
    title: keymap[scope].title,
    note: keymap[scope].note,
    rows: keymap[scope].bindings.map((b) => ({keys: b.keys.join(' '), help: b.help})),
  }));
}
