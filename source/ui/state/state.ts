// The whole TUI state: the view is a function of it.
import type {AppError} from '../../core/errors.js';
import type {Scope} from '../keymap.js';
import type {AwsCliActive} from '../../core/precedence/input.js';
import type {CallerIdentity, ProfileSnapshot} from '../ports.js';
import type {RenewPanel} from './renew-plan.js';
import type {RotateState} from './rotate.js';

export type VerifyState =
  | {phase: 'idle'}
  | {phase: 'running'; profile?: string}
  | {phase: 'done'; profile?: string; identity: CallerIdentity}
  | {phase: 'failed'; profile?: string; error: AppError};

export type Message = {tone: 'ok' | 'bad'; text: string};

/** What the header and the marker need from the precedence engine, worked out after the rows are on screen. */
export type Summary = {snapshot: ProfileSnapshot; active: AwsCliActive; conflicts: number};

export type State = {
  snapshot?: ProfileSnapshot;
  /** Kept from the previous read until the new one is summarised, so the marker does not blink. */
  summary?: Summary;
  loadError?: AppError;
  /** Bumped when the files must be read again (changed on disk, or after a renewal). */
  reloads: number;
  screen: 'profiles' | 'precedence';
  help: {open: boolean; scroll: number; from: Scope};
  filter: {text: string; editing: boolean};
  /** Index into the filtered rows, first row on screen, and the selected profile's name (kept across reloads). */
  cursor: number;
  scrollTop: number;
  selected?: string;
  size: {columns: number; rows: number};
  banner: boolean;
  renew?: RenewPanel;
  rotate?: RotateState;
  /** Profiles marked (Space) for a batch renewal. */
  marks: string[];
  precedence: {asProfile: boolean; client: number; scroll: number};
  verify: VerifyState;
  message?: Message;
  quitting: boolean;
};

export function initialState(size: State['size'], banner = false): State {
  return {
    reloads: 0,
    screen: 'profiles',
    help: {open: false, scroll: 0, from: 'profiles'},
    filter: {text: '', editing: false},
    cursor: 0,
    scrollTop: 0,
    size,
    banner,
    marks: [],
    precedence: {asProfile: false, client: 0, scroll: 0},
    verify: {phase: 'idle'},
    quitting: false,
  };
}

export const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max)));
