// Everything that can happen to the TUI, named `domain/event`. Keys arrive as key/pressed and are
// turned into the other actions by the keymap; effects (hooks) report back with the rest.
import type {AppError, Result} from '../../core/errors.js';
import type {Key} from '../keymap.js';
import type {KeyReport} from '../../app/rotate.js';
import type {CallerIdentity, FoundDevice, ProfileSnapshot, RenewDone} from '../ports.js';
import type {Summary} from './state.js';

export type CursorMove = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** What the focused screen knows about itself that a key may need: how far it scrolls, how many clients, the time its rows show. */
export type KeyLimits = {scrollMax?: number; page?: number; clients?: number; now?: Date};

export type Action =
  | {type: 'key/pressed'; key: Key; limits?: KeyLimits}
  /** A read of the files, or why it failed. */
  | {type: 'profiles/loaded'; result: Result<ProfileSnapshot>}
  | {type: 'files/changed'}
  | {type: 'terminal/resized'; columns: number; rows: number}
  | {type: 'cursor/moved'; move: CursorMove}
  | {type: 'filter/opened'}
  | {type: 'filter/typed'; text: string}
  | {type: 'filter/erased'}
  | {type: 'filter/kept'}
  | {type: 'filter/cleared'}
  | {type: 'help/opened'}
  | {type: 'help/closed'}
  | {type: 'help/scrolled'; by: number; max: number}
  | {type: 'batch/mark-toggled'}
  /** `now`: the time the rows show, which decides what is expiring (without it, the files' read time). */
  | {type: 'batch/opened'; now?: Date}
  | {type: 'renew/opened'}
  | {type: 'renew/devices-found'; source: string; devices: FoundDevice[]}
  | {type: 'renew/discover-failed'; error: AppError}
  | {type: 'renew/device-moved'; by: number}
  | {type: 'renew/device-chosen'}
  | {type: 'renew/save-toggled'}
  | {type: 'renew/new-code'}
  | {type: 'renew/code-step-reached'}
  | {type: 'renew/code-typed'; text: string}
  | {type: 'renew/duration-typed'; text: string}
  | {type: 'renew/erased'}
  | {type: 'renew/field-toggled'}
  | {type: 'renew/started'}
  /** The code is on its way to STS (`now`: when it left): its step is spent, whatever the answer. */
  | {type: 'renew/code-sent'; now: Date; attempt?: number}
  /** `attempt`: the submit it answers; an answer to any other (the user stopped waiting) is dropped. */
  | {type: 'renew/succeeded'; done: RenewDone; now: Date; attempt?: number}
  | {type: 'renew/failed'; error: AppError; attempt?: number}
  /** Esc: closes the panel, or, while the code is on its way, stops waiting for the answer. */
  | {type: 'renew/cancelled'}
  | {type: 'precedence/summarised'; summary: Summary}
  | {type: 'precedence/opened'}
  | {type: 'precedence/closed'}
  | {type: 'precedence/client-moved'; by: number; count: number}
  | {type: 'precedence/scrolled'; by: number; max: number}
  | {type: 'precedence/as-profile-toggled'}
  | {type: 'verify/started'}
  | {type: 'verify/succeeded'; identity: CallerIdentity}
  | {type: 'verify/failed'; error: AppError}
  | {type: 'rotate/opened'}
  | {type: 'rotate/confirmed'}
  | {type: 'rotate/cancelled'}
  | {type: 'rotate/succeeded'; keys: KeyReport}
  | {type: 'rotate/failed'; error: AppError; keys?: KeyReport}
  | {type: 'app/quit'};

type DomainOf<T> = T extends `${infer D}/${string}` ? D : never;
export type Domain = DomainOf<Action['type']>;

/** The actions of one domain: what that domain's reducer handles. */
export type ActionOf<D extends Domain> = Extract<Action, {type: `${D}/${string}`}>;
