// Colour on or off, decided once at the edge from the environment, and the colours of each tone.
import {createContext, useContext} from 'react';
import type {CellTone} from './format.js';

export type Theme = {color: boolean};

/**
 * NO_COLOR and --no-color turn colour off, whatever FORCE_COLOR says; so does FORCE_COLOR=0.
 * chalk reads only FORCE_COLOR and --no-color: NO_COLOR is honoured by never asking Ink for colour.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, argv: string[] = []): boolean {
  if (argv.includes('--no-color') || env.NO_COLOR) return false;
  return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
}

export const ThemeContext = createContext<Theme>({color: true});

export const useTheme = () => useContext(ThemeContext);

export type Tone = CellTone | 'accent' | 'title';

const colors: Record<Tone, string | undefined> = {
  ok: 'green',
  warn: 'yellow',
  bad: 'red',
  muted: 'gray',
  plain: undefined,
  accent: 'cyan',
  title: 'magenta',
};

/** The colour for a tone, or undefined when colour is off (Ink then writes no colour codes). */
export function toneColor(theme: Theme, tone: Tone | undefined): string | undefined {
  return theme.color && tone ? colors[tone] : undefined;
}
