// The UI's own key event. Ink's (input, key) pair is converted once, where useInput hears it; the
// keymap and the reducer see only this.
import type {Key as InkKey} from 'ink';

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

/** Keys with a name rather than a character. */
export type KeyName = (typeof inkNames)[number][1];

/** Ink's view of a key press as ours. */
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
