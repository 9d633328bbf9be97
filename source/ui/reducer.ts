// The whole TUI state and the one reducer that changes it. Actions are named `domain/event`;
// effects (loading, STS calls, file watching) live in hooks and report back through actions.
import type {AppError, Result} from '../core/errors.js';
import {shortDevice, spendCode, type CodeLedger} from '../core/code-steps.js';
import {formatSeconds} from '../core/durations.js';
import {chooseDiscoveredDevice} from '../core/mfa.js';
import {describeExpiry, formatRfc3339} from '../core/expiry.js';
import {kindLabels, type Profile} from '../core/profiles.js';
import {matchesFilter} from './format.js';
import type {Key} from 'ink';
import {matchCommand, type Command, type Scope} from './keymap.js';
import {listHeight, scrollFor, type FrameParts} from './layout.js';
import type {
  ActiveIdentity,
  CallerIdentity,
  FoundDevice,
  PreviewOptions,
  ProfileSnapshot,
  RenewDone,
  RenewPreview,
} from './ports.js';

/** The devices IAM listed for a profile without one configured, the one picked, and whether to keep it. */
export type DeviceChoice = {source: string; devices: FoundDevice[]; index: number; save: boolean};

/** One profile's outcome in a batch, for the panel and the closing message. */
export type BatchResult = {profile: string; ok: boolean; text: string};

/** Several profiles renewed in turn, one code each; the ledger holds the code steps spent, never a code. */
export type Batch = {queue: string[]; index: number; results: BatchResult[]; ledger: CodeLedger};

export type RenewPanel = {
  /** The row the panel was opened on. */
  profile: string;
  preview: Result<RenewPreview>;
  /** The last plan that worked: shown while a half-typed duration does not parse. */
  plan?: RenewPreview;
  field: 'code' | 'duration';
  /**
   * `discovering`: IAM is asked for the device; `choosing`: several devices listed; `waiting`: in a
   * batch, for a code step later than the one just spent; then `editing`, `submitting`, `failed`.
   */
  /** Digits typed so far. Lives only in memory, only until the panel answers. */
  code: string;
  durationText: string;
  durationEdited: boolean;
  phase: 'discovering' | 'choosing' | 'waiting' | 'editing' | 'submitting' | 'failed';
  /** For a role an MFA session can sign: the user asked to sign with a new code instead. */
  newCode: boolean;
  devices?: DeviceChoice;
  batch?: Batch;
  error?: AppError;
  /** Bumped on every submit (and carried across a batch's panels), so the effect runs once per attempt. */
  attempt: number;
};

export type VerifyState =
  | {phase: 'idle'}
  | {phase: 'running'; profile?: string}
  | {phase: 'done'; profile?: string; identity: CallerIdentity}
  | {phase: 'failed'; profile?: string; error: AppError};

export type Message = {tone: 'ok' | 'bad' | 'info'; text: string};

/** What the header and the marker need from the precedence engine, worked out after the rows are on screen. */
export type Summary = {snapshot: ProfileSnapshot; active: ActiveIdentity; conflicts: number};

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
  /** The bottom was asked for while only the first rows were there (a partial snapshot). */
  toBottom?: boolean;
  size: {columns: number; rows: number};
  banner: boolean;
  renew?: RenewPanel;
  /** Profiles marked (Space) for a batch renewal. */
  marks: string[];
  precedence: {asProfile: boolean; client: number; scroll: number};
  verify: VerifyState;
  message?: Message;
  quitting: boolean;
};

export type CursorMove = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** What the focused screen knows about itself that a key may need: how far it scrolls, how many clients. */
export type KeyLimits = {scrollMax?: number; page?: number; clients?: number};

export type Action =
  | {type: 'key/pressed'; input: string; key: Key; limits?: KeyLimits}
  | {type: 'profiles/loaded'; snapshot: ProfileSnapshot}
  | {type: 'profiles/load-failed'; error: AppError}
  | {type: 'precedence/summarised'; summary: Summary}
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
  | {type: 'renew/opened'}
  | {type: 'mark/toggled'}
  | {type: 'renew/batch-opened'}
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
  | {type: 'renew/succeeded'; done: RenewDone; now: Date}
  | {type: 'renew/failed'; error: AppError}
  | {type: 'renew/cancelled'}
  | {type: 'precedence/opened'}
  | {type: 'precedence/closed'}
  | {type: 'precedence/client-moved'; by: number; count: number}
  | {type: 'precedence/scrolled'; by: number; max: number}
  | {type: 'precedence/as-profile-toggled'}
  | {type: 'verify/started'}
  | {type: 'verify/succeeded'; identity: CallerIdentity}
  | {type: 'verify/failed'; error: AppError}
  | {type: 'message/cleared'}
  | {type: 'app/quit'};

export function initialState(options: {columns: number; rows: number; banner?: boolean}): State {
  return {
    reloads: 0,
    screen: 'profiles',
    help: {open: false, scroll: 0, from: 'profiles'},
    filter: {text: '', editing: false},
    cursor: 0,
    scrollTop: 0,
    size: {columns: options.columns, rows: options.rows},
    banner: !!options.banner,
    marks: [],
    precedence: {asProfile: false, client: 0, scroll: 0},
    verify: {phase: 'idle'},
    quitting: false,
  };
}

const filterCache = new WeakMap<Profile[], {text: string; rows: Profile[]}>();

/** The rows the filter lets through, memoised per (profiles, filter) so 5000 rows are filtered once. */
export function filteredProfiles(state: Pick<State, 'snapshot' | 'filter'>): Profile[] {
  const all = state.snapshot?.profiles ?? [];
  const text = state.filter.text.trim();
  if (!text) return all;
  const cached = filterCache.get(all);
  if (cached && cached.text === text) return cached.rows;
  const rows = all.filter((p) => matchesFilter(p, kindLabels[p.kind], text));
  filterCache.set(all, {text, rows});
  return rows;
}

/**
 * How many profiles there are in all, and how many the filter lets through; `soFar` while only
 * the first rows are there (a partial snapshot), when a filter can count only those.
 */
export function profileCounts(state: Pick<State, 'snapshot' | 'filter'>): {
  total: number;
  shown: number;
  soFar: boolean;
} {
  const rows = state.snapshot?.profiles.length ?? 0;
  const total = state.snapshot?.total ?? rows;
  if (!state.filter.text.trim()) return {total, shown: total, soFar: false};
  return {total, shown: filteredProfiles(state).length, soFar: total > rows};
}

/** The scope whose keys are live: the help overlay, then the renew panel, the filter, the screen. */
export function focusOf(state: State): Scope {
  if (state.help.open) return 'help';
  const panel = state.renew;
  if (panel) {
    if (panel.phase === 'discovering' || panel.phase === 'waiting') return 'renew-wait';
    if (panel.phase === 'choosing') return 'renew-device';
    if (!panel.plan) return 'renew-refused';
    if (panel.field === 'duration') return 'renew-duration';
    if (!panel.plan.needsCode) return 'renew-role';
    return panel.devices ? 'renew-code-found' : 'renew-code';
  }
  if (state.filter.editing) return 'filter';
  return state.screen;
}

/** How this state's frame is shared out (see layout.ts). */
export function frameParts(state: State): FrameParts {
  return {
    rows: state.size.rows,
    banner: state.banner,
    warnings: (state.snapshot?.warnings.length ?? 0) > 0,
    renewOpen: !!state.renew,
  };
}

/** Rows the profile list shows at once in this state. */
export function pageSize(state: State): number {
  return listHeight(frameParts(state));
}

/** The profile under the cursor, if any. */
export function selectedProfile(state: State): Profile | undefined {
  return filteredProfiles(state)[state.cursor];
}

function placeCursor(state: State, cursor: number): State {
  const rows = filteredProfiles(state);
  const c = Math.max(0, Math.min(cursor, rows.length - 1));
  const height = pageSize(state);
  return {
    ...state,
    cursor: rows.length ? c : 0,
    scrollTop: scrollFor(rows.length ? c : 0, state.scrollTop, height, rows.length),
    selected: rows[c]?.name ?? state.selected,
  };
}

/** Puts the cursor back on the selected profile after the rows changed (reload, filter). */
function reselect(state: State): State {
  const rows = filteredProfiles(state);
  const i = state.selected ? rows.findIndex((p) => p.name === state.selected) : -1;
  return placeCursor(state, i >= 0 ? i : Math.min(state.cursor, rows.length - 1));
}

const codeDigits = 6;

function previewFor(state: State, profile: string, options?: PreviewOptions): Result<RenewPreview> {
  if (!state.snapshot) {
    return {
      ok: false,
      error: {
        code: 'not-loaded',
        message: 'The profiles are still loading.',
        fix: 'Try again in a moment.',
      },
    };
  }
  return state.snapshot.preview(profile, options);
}

/** The device picked from IAM's list, once the choice is made. */
export function chosenSerial(panel: RenewPanel): string | undefined {
  if (!panel.devices || panel.phase === 'choosing') return undefined;
  return panel.devices.devices[panel.devices.index]?.serial;
}

function optionsOf(panel: RenewPanel): PreviewOptions {
  return {
    duration: panel.durationEdited ? panel.durationText || '0' : undefined,
    serial: chosenSerial(panel),
    newCode: panel.newCode || undefined,
  };
}

/** The panel planned again after a change (duration, device, new code); the last good plan stays on screen. */
function replan(state: State, panel: RenewPanel): RenewPanel {
  const preview = previewFor(state, panel.profile, optionsOf(panel));
  const plan = preview.ok ? preview.value : panel.plan;
  return {
    ...panel,
    preview,
    plan,
    durationText:
      panel.durationEdited || !preview.ok
        ? panel.durationText
        : formatSeconds(preview.value.durationSeconds),
  };
}

/**
 * In a batch, a panel that needs a code waits when its device's current step is already spent
 * (the wait itself is timed by useCodeWait); a role an MFA session signs needs nothing: it goes.
 */
function ready(panel: RenewPanel): RenewPanel {
  const plan = panel.plan;
  if (!plan || !panel.batch || !panel.preview.ok || panel.phase !== 'editing') return panel;
  if (!plan.needsCode) return {...panel, phase: 'submitting', attempt: panel.attempt + 1};
  if (plan.serial && panel.batch.ledger[plan.serial] !== undefined)
    return {...panel, phase: 'waiting'};
  return panel;
}

function openPanel(
  state: State,
  profile: string,
  carry: {attempt: number; batch?: Batch},
): RenewPanel {
  const preview = previewFor(state, profile);
  const plan = preview.ok ? preview.value : undefined;
  const panel: RenewPanel = {
    profile,
    preview,
    plan,
    field: 'code',
    code: '',
    durationText: plan ? formatSeconds(plan.durationSeconds) : '',
    durationEdited: false,
    phase: plan?.discover ? 'discovering' : 'editing',
    attempt: carry.attempt,
    newCode: false,
    batch: carry.batch,
  };
  return ready(panel);
}

/** The countdown line while a batch waits for the next code step (undefined when not waiting). */
export function waitingFor(
  panel: RenewPanel | undefined,
): {serial: string; ledger: CodeLedger} | undefined {
  if (!panel || panel.phase !== 'waiting' || !panel.batch || !panel.plan) return undefined;
  return {serial: panel.plan.serial, ledger: panel.batch.ledger};
}

/** The profiles a batch renews: the marked ones, else the selected one and every expired or expiring profile on its device. */
export function batchQueue(state: State): Result<string[]> {
  const all = state.snapshot?.profiles ?? [];
  const targets = new Set<string>();
  const queue: string[] = [];
  const add = (name: string, preview: Result<RenewPreview>) => {
    const key = preview.ok ? preview.value.target : name;
    if (targets.has(key)) return;
    targets.add(key);
    queue.push(name);
  };
  if (state.marks.length > 0) {
    for (const p of all) if (state.marks.includes(p.name)) add(p.name, previewFor(state, p.name));
    return {ok: true, value: queue};
  }
  const selected = selectedProfile(state);
  if (!selected) {
    return {
      ok: false,
      error: {
        code: 'batch-empty',
        message: 'There is no profile to renew.',
        fix: 'Select or mark (Space) profiles first.',
      },
    };
  }
  const first = previewFor(state, selected.name);
  add(selected.name, first);
  const serial = first.ok && first.value.needsCode ? first.value.serial : '';
  if (!serial) return {ok: true, value: queue};
  for (const p of all) {
    if (p.state !== 'expired' && p.state !== 'expiring') continue;
    const preview = previewFor(state, p.name);
    if (preview.ok && preview.value.needsCode && preview.value.serial === serial)
      add(p.name, preview);
  }
  return {ok: true, value: queue};
}

function doneText(done: RenewDone, now: Date): string {
  return `${describeExpiry(done.expiresAt, now, 0)} (until ${formatRfc3339(done.expiresAt)})`;
}

/** After a batch member: the next profile's panel, or the batch's closing message. */
function nextInBatch(state: State, panel: RenewPanel, batch: Batch): State {
  const index = batch.index + 1;
  if (index < batch.queue.length) {
    const next = {...batch, index};
    return placeCursor(
      {
        ...state,
        renew: openPanel(state, batch.queue[index]!, {attempt: panel.attempt, batch: next}),
      },
      state.cursor,
    );
  }
  const renewed = batch.results.filter((r) => r.ok);
  const text = `Renewed ${renewed.length} of ${batch.queue.length}: ${batch.results
    .map((r) => `${r.ok ? '✓' : '✗'} ${r.profile} ${r.text}`)
    .join(' · ')}`;
  return reselect({
    ...state,
    renew: undefined,
    selected: renewed[renewed.length - 1]?.profile ?? state.selected,
    message: {tone: renewed.length === batch.queue.length ? 'ok' : 'bad', text},
  });
}

function submit(state: State, panel: RenewPanel): State {
  if (!panel.preview.ok || !panel.plan) return {...state, renew: panel};
  if (panel.phase !== 'editing' && panel.phase !== 'failed') return {...state, renew: panel};
  if (panel.plan.needsCode && panel.code.length !== codeDigits) {
    return {
      ...state,
      renew: {
        ...panel,
        error: {
          code: 'code-incomplete',
          message: `An MFA code has ${codeDigits} digits; ${panel.code.length} typed so far.`,
          fix: 'Type the code your authenticator shows now.',
        },
      },
    };
  }
  return {
    ...state,
    renew: {
      ...panel,
      phase: 'submitting',
      error: undefined,
      field: 'code',
      attempt: panel.attempt + 1,
    },
  };
}

function withDuration(state: State, panel: RenewPanel, durationText: string): State {
  return {
    ...state,
    renew: replan(state, {...panel, durationText, durationEdited: true, error: undefined}),
  };
}

function moveTarget(state: State, move: CursorMove): number {
  const page = pageSize(state);
  const last = filteredProfiles(state).length - 1;
  switch (move) {
    case 'up':
      return state.cursor - 1;
    case 'down':
      return state.cursor + 1;
    case 'page-up':
      return state.cursor - page;
    case 'page-down':
      return state.cursor + page;
    case 'top':
      return 0;
    case 'bottom':
      return last;
  }
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, Math.max(0, max)));

/** What each command does in each scope; the keymap says which keys mean which command. */
const commandActions: Record<Scope, Partial<Record<Command, (limits: KeyLimits) => Action>>> = {
  profiles: {
    up: () => ({type: 'cursor/moved', move: 'up'}),
    down: () => ({type: 'cursor/moved', move: 'down'}),
    'page-up': () => ({type: 'cursor/moved', move: 'page-up'}),
    'page-down': () => ({type: 'cursor/moved', move: 'page-down'}),
    top: () => ({type: 'cursor/moved', move: 'top'}),
    bottom: () => ({type: 'cursor/moved', move: 'bottom'}),
    renew: () => ({type: 'renew/opened'}),
    mark: () => ({type: 'mark/toggled'}),
    'renew-batch': () => ({type: 'renew/batch-opened'}),
    filter: () => ({type: 'filter/opened'}),
    'clear-filter': () => ({type: 'filter/cleared'}),
    precedence: () => ({type: 'precedence/opened'}),
    help: () => ({type: 'help/opened'}),
    quit: () => ({type: 'app/quit'}),
  },
  filter: {
    'keep-filter': () => ({type: 'filter/kept'}),
    'clear-filter': () => ({type: 'filter/cleared'}),
    erase: () => ({type: 'filter/erased'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-code': {
    submit: () => ({type: 'renew/started'}),
    'duration-field': () => ({type: 'renew/field-toggled'}),
    erase: () => ({type: 'renew/erased'}),
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-code-found': {
    submit: () => ({type: 'renew/started'}),
    'toggle-save': () => ({type: 'renew/save-toggled'}),
    'duration-field': () => ({type: 'renew/field-toggled'}),
    erase: () => ({type: 'renew/erased'}),
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-device': {
    up: () => ({type: 'renew/device-moved', by: -1}),
    down: () => ({type: 'renew/device-moved', by: 1}),
    'choose-device': () => ({type: 'renew/device-chosen'}),
    'toggle-save': () => ({type: 'renew/save-toggled'}),
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-role': {
    submit: () => ({type: 'renew/started'}),
    'new-code': () => ({type: 'renew/new-code'}),
    'duration-field': () => ({type: 'renew/field-toggled'}),
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-wait': {
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-duration': {
    'code-field': () => ({type: 'renew/field-toggled'}),
    erase: () => ({type: 'renew/erased'}),
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  'renew-refused': {
    cancel: () => ({type: 'renew/cancelled'}),
    quit: () => ({type: 'app/quit'}),
  },
  precedence: {
    'prev-client': (l) => ({type: 'precedence/client-moved', by: -1, count: l.clients ?? 4}),
    'next-client': (l) => ({type: 'precedence/client-moved', by: 1, count: l.clients ?? 4}),
    up: (l) => ({type: 'precedence/scrolled', by: -1, max: l.scrollMax ?? Infinity}),
    down: (l) => ({type: 'precedence/scrolled', by: 1, max: l.scrollMax ?? Infinity}),
    'page-up': (l) => ({
      type: 'precedence/scrolled',
      by: -(l.page ?? 10),
      max: l.scrollMax ?? Infinity,
    }),
    'page-down': (l) => ({
      type: 'precedence/scrolled',
      by: l.page ?? 10,
      max: l.scrollMax ?? Infinity,
    }),
    'as-profile': () => ({type: 'precedence/as-profile-toggled'}),
    verify: () => ({type: 'verify/started'}),
    back: () => ({type: 'precedence/closed'}),
    help: () => ({type: 'help/opened'}),
    quit: () => ({type: 'app/quit'}),
  },
  help: {
    up: (l) => ({type: 'help/scrolled', by: -1, max: l.scrollMax ?? Infinity}),
    down: (l) => ({type: 'help/scrolled', by: 1, max: l.scrollMax ?? Infinity}),
    'close-help': () => ({type: 'help/closed'}),
    quit: () => ({type: 'app/quit'}),
  },
};

/** Scopes where unbound input is text: the filter and the renew panel's fields. */
const textActions: Partial<Record<Scope, (text: string) => Action>> = {
  filter: (text) => ({type: 'filter/typed', text}),
  'renew-code': (text) => ({type: 'renew/code-typed', text}),
  'renew-code-found': (text) => ({type: 'renew/code-typed', text}),
  'renew-duration': (text) => ({type: 'renew/duration-typed', text}),
};

function plainKey(ch: string): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: ch === '\r',
    escape: false,
    ctrl: false,
    shift: /[A-Z]/.test(ch),
    tab: ch === '\t',
    // As Ink reads them alone: BS is backspace, DEL (what most terminals send for ⌫) is delete.
    backspace: ch === '\b',
    delete: ch === '\x7f',
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
  };
}

/**
 * Resolves a key against the scope focused when the key is applied, not when it was read: Ink
 * subscribes a screen's listener in an effect, so the listener that hears a key right after a
 * screen change can be one key stale, and keys must not be lost or sent to the wrong screen.
 */
function pressKey(state: State, input: string, key: Key, limits: KeyLimits): State {
  const scope = focusOf(state);
  const command = matchCommand(scope, input, key);
  if (command) {
    const make = commandActions[scope][command];
    return make ? reducer(state, make(limits)) : state;
  }
  const text = textActions[scope];
  // Several characters in one read (key repeat, fast typing, "/prod" pasted): one key each,
  // each against the focus it meets, so "/p" opens the filter and types "p" into it. Into a text
  // field the read goes whole, unless it holds a control key (⌫, Enter, Tab typed quickly after
  // the digits: "123⌫⌫" is "1"); an escape sequence is left to Ink.
  const split =
    input.length > 1 &&
    !key.ctrl &&
    !key.meta &&
    (!text || (/[\u0000-\u001f\u007f]/.test(input) && !input.includes('\x1b')));
  if (split) {
    let next = state;
    for (const ch of input) next = pressKey(next, ch, plainKey(ch), limits);
    return next;
  }
  if (text) return input ? reducer(state, text(input)) : state;
  return state;
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'key/pressed':
      return pressKey(state, action.input, action.key, action.limits ?? {});
    case 'profiles/loaded': {
      const loaded = reselect({...state, snapshot: action.snapshot, loadError: undefined});
      const next =
        state.toBottom && !action.snapshot.partial
          ? {...placeCursor(loaded, filteredProfiles(loaded).length - 1), toBottom: false}
          : loaded;
      const panel = next.renew;
      // Opened on the rows alone (list's cache): planned now that the files are read.
      if (panel && !panel.preview.ok && panel.preview.error.code === 'loading') {
        return {...next, renew: openPanel(next, panel.profile, panel)};
      }
      // A batch member not yet typed into is planned again on the files as they are now: the
      // session the member before it wrote may sign it without a code (then it goes at once).
      if (panel?.batch && panel.code === '' && ['editing', 'waiting'].includes(panel.phase)) {
        return {...next, renew: ready(replan(next, {...panel, phase: 'editing'}))};
      }
      return next;
    }
    case 'precedence/summarised':
      return action.summary.snapshot === state.snapshot
        ? {...state, summary: action.summary}
        : state;
    case 'profiles/load-failed':
      return {...state, loadError: action.error};
    case 'files/changed':
      return {...state, reloads: state.reloads + 1};
    case 'terminal/resized':
      return placeCursor(
        {...state, size: {columns: action.columns, rows: action.rows}},
        state.cursor,
      );
    case 'cursor/moved': {
      const next = placeCursor(state, moveTarget(state, action.move));
      // The rows past a partial snapshot's first ones are on their way: the bottom is theirs.
      const snapshot = state.snapshot;
      const more = !!snapshot?.partial && (snapshot.total ?? 0) > snapshot.profiles.length;
      return {...next, toBottom: action.move === 'bottom' && more};
    }

    case 'filter/opened':
      return {...state, filter: {...state.filter, editing: true}, message: undefined};
    case 'filter/typed': {
      const text = action.text.replace(/[\u0000-\u001f\u007f]/g, '');
      if (!text) return state;
      return reselect({...state, filter: {editing: true, text: state.filter.text + text}});
    }
    case 'filter/erased':
      return reselect({...state, filter: {...state.filter, text: state.filter.text.slice(0, -1)}});
    case 'filter/kept':
      return {...state, filter: {...state.filter, editing: false}};
    case 'filter/cleared':
      return reselect({...state, filter: {text: '', editing: false}});

    case 'help/opened':
      return {...state, help: {open: true, scroll: 0, from: focusOf(state)}};
    case 'help/closed':
      return {...state, help: {...state.help, open: false}};
    case 'help/scrolled':
      return {
        ...state,
        help: {...state.help, scroll: clamp(state.help.scroll + action.by, action.max)},
      };

    case 'renew/opened': {
      const p = selectedProfile(state);
      if (!p) return state;
      const renew = openPanel(state, p.name, {attempt: state.renew?.attempt ?? 0});
      // Opening the panel shrinks the list: keep the selected row in view.
      return placeCursor({...state, renew, message: undefined}, state.cursor);
    }
    case 'mark/toggled': {
      const p = selectedProfile(state);
      if (!p) return state;
      const marks = state.marks.includes(p.name)
        ? state.marks.filter((m) => m !== p.name)
        : [...state.marks, p.name];
      return {...state, marks};
    }
    case 'renew/batch-opened': {
      const queue = batchQueue(state);
      if (!queue.ok) return {...state, message: {tone: 'bad', text: queue.error.message}};
      const batch: Batch = {queue: queue.value, index: 0, results: [], ledger: {}};
      const renew = openPanel(state, queue.value[0]!, {attempt: 0, batch});
      return placeCursor({...state, renew, marks: [], message: undefined}, state.cursor);
    }
    case 'renew/devices-found': {
      const panel = state.renew;
      if (!panel || panel.phase !== 'discovering') return state;
      const chosen = chooseDiscoveredDevice(action.devices, action.source);
      if (!chosen.ok && chosen.error.code === 'mfa-device-none') {
        return {...state, renew: {...panel, phase: 'editing', preview: chosen, plan: undefined}};
      }
      const devices: DeviceChoice = {
        source: action.source,
        devices: action.devices,
        index: 0,
        save: false,
      };
      if (action.devices.length > 1)
        return {...state, renew: {...panel, phase: 'choosing', devices}};
      return {...state, renew: ready(replan(state, {...panel, phase: 'editing', devices}))};
    }
    case 'renew/discover-failed': {
      const panel = state.renew;
      if (!panel || panel.phase !== 'discovering') return state;
      const preview = {ok: false as const, error: action.error};
      return {...state, renew: {...panel, phase: 'editing', preview, plan: undefined}};
    }
    case 'renew/device-moved': {
      const panel = state.renew;
      if (!panel?.devices || panel.phase !== 'choosing') return state;
      const index = clamp(panel.devices.index + action.by, panel.devices.devices.length - 1);
      return {...state, renew: {...panel, devices: {...panel.devices, index}}};
    }
    case 'renew/device-chosen': {
      const panel = state.renew;
      if (!panel?.devices || panel.phase !== 'choosing') return state;
      return {...state, renew: ready(replan(state, {...panel, phase: 'editing'}))};
    }
    case 'renew/save-toggled': {
      const panel = state.renew;
      if (!panel?.devices || panel.phase === 'submitting') return state;
      return {
        ...state,
        renew: {...panel, devices: {...panel.devices, save: !panel.devices.save}},
      };
    }
    case 'renew/new-code': {
      const panel = state.renew;
      if (!panel?.plan?.bySession || panel.newCode) return state;
      if (panel.phase !== 'editing' && panel.phase !== 'failed') return state;
      const next = replan(state, {...panel, newCode: true, field: 'code', error: undefined});
      return {...state, renew: {...next, phase: 'editing'}};
    }
    case 'renew/code-step-reached': {
      const panel = state.renew;
      if (!panel || panel.phase !== 'waiting') return state;
      return {...state, renew: {...panel, phase: 'editing'}};
    }
    case 'renew/code-typed': {
      const panel = state.renew;
      if (!panel || (panel.phase !== 'editing' && panel.phase !== 'failed')) return state;
      if (!panel.plan?.needsCode) return state;
      const digits = action.text.replace(/\D/g, '');
      const restart = panel.phase === 'failed';
      const code = ((restart ? '' : panel.code) + digits).slice(0, codeDigits);
      const next: RenewPanel = {
        ...panel,
        code,
        phase: 'editing',
        error: digits || restart ? undefined : panel.error,
      };
      // A pasted "123456\r" is one input: the digits and the Enter together.
      if (code.length === codeDigits || /[\r\n]/.test(action.text)) return submit(state, next);
      return {...state, renew: next};
    }
    case 'renew/duration-typed': {
      const panel = state.renew;
      if (!panel || (panel.phase !== 'editing' && panel.phase !== 'failed')) return state;
      const typed = action.text.toLowerCase().replace(/[^0-9dhms]/g, '');
      if (!typed) return state;
      return withDuration(state, panel, (panel.durationText + typed).slice(0, 12));
    }
    case 'renew/erased': {
      const panel = state.renew;
      if (!panel || (panel.phase !== 'editing' && panel.phase !== 'failed')) return state;
      if (panel.field === 'code')
        return {...state, renew: {...panel, code: panel.code.slice(0, -1)}};
      return withDuration(state, panel, panel.durationText.slice(0, -1));
    }
    case 'renew/field-toggled': {
      const panel = state.renew;
      if (!panel || (panel.phase !== 'editing' && panel.phase !== 'failed')) return state;
      // A row that cannot be renewed at all (a role, no keys) has no duration to change.
      if (!panel.plan) return state;
      return {...state, renew: {...panel, field: panel.field === 'code' ? 'duration' : 'code'}};
    }
    case 'renew/started':
      return state.renew ? submit(state, state.renew) : state;
    case 'renew/succeeded': {
      const {done, now} = action;
      const panel = state.renew;
      if (panel?.batch) {
        const plan = panel.plan;
        const batch: Batch = {
          ...panel.batch,
          results: [
            ...panel.batch.results,
            {profile: done.target, ok: true, text: describeExpiry(done.expiresAt, now, 0)},
          ],
          ledger:
            plan?.needsCode && plan.serial
              ? spendCode(panel.batch.ledger, chosenSerial(panel) ?? plan.serial, now)
              : panel.batch.ledger,
        };
        return nextInBatch({...state, reloads: state.reloads + 1}, panel, batch);
      }
      const role = done.kind === 'role';
      const serial = panel ? chosenSerial(panel) : undefined;
      const saved =
        done.saved && serial
          ? `; saved ${shortDevice(serial)} as mfa_serial in [${done.saved.header}]`
          : '';
      // The (until …) detail gives way to what was saved, so both fit the status line.
      const until = saved ? describeExpiry(done.expiresAt, now, 0) : doneText(done, now);
      let text = `Renewed ${done.target}${role ? ' (role)' : ''} from ${done.source}: ${until}${saved}${done.signing ? `; ${done.signing}` : ''}.`;
      if (done.saveError) text += ` Not saved: ${done.saveError.message}`;
      // The cursor follows the session that was written (when its row is already there; else after the reload).
      return reselect({
        ...state,
        renew: undefined,
        selected: done.target,
        message: {tone: done.saveError ? 'bad' : 'ok', text},
        reloads: state.reloads + 1,
      });
    }
    case 'renew/failed':
      if (!state.renew) return state;
      return {...state, renew: {...state.renew, phase: 'failed', error: action.error, code: ''}};
    case 'renew/cancelled': {
      const panel = state.renew;
      // Once the code is on its way, the answer decides; closing now would hide a write.
      if (!panel || panel.phase === 'submitting') return state;
      if (panel.batch) {
        const batch = panel.batch;
        const name = panel.plan?.target ?? panel.profile;
        // Esc while waiting stops the batch; elsewhere it skips this profile.
        const stop = panel.phase === 'waiting' || panel.phase === 'discovering';
        const skipped = stop ? batch.queue.slice(batch.index) : [batch.queue[batch.index]!];
        const results = [
          ...batch.results,
          ...skipped.map((p, i) => ({
            profile: i === 0 ? name : p,
            ok: false,
            text: stop ? 'not renewed (stopped)' : 'skipped',
          })),
        ];
        const index = stop ? batch.queue.length - 1 : batch.index;
        return nextInBatch(state, panel, {...batch, results, index});
      }
      return placeCursor({...state, renew: undefined}, state.cursor);
    }

    case 'precedence/opened':
      return {
        ...state,
        screen: 'precedence',
        message: undefined,
        precedence: {...state.precedence, scroll: 0},
      };
    case 'precedence/closed':
      return {...state, screen: 'profiles'};
    case 'precedence/client-moved': {
      const count = Math.max(1, action.count);
      const client = (((state.precedence.client + action.by) % count) + count) % count;
      return {...state, precedence: {...state.precedence, client}};
    }
    case 'precedence/scrolled':
      return {
        ...state,
        precedence: {
          ...state.precedence,
          scroll: clamp(state.precedence.scroll + action.by, action.max),
        },
      };
    case 'precedence/as-profile-toggled':
      return {
        ...state,
        precedence: {...state.precedence, asProfile: !state.precedence.asProfile, scroll: 0},
        verify: {phase: 'idle'},
      };

    case 'verify/started': {
      if (state.verify.phase === 'running') return state;
      return {...state, verify: {phase: 'running', profile: asProfileName(state)}};
    }
    case 'verify/succeeded':
      if (state.verify.phase !== 'running') return state;
      return {
        ...state,
        verify: {phase: 'done', profile: state.verify.profile, identity: action.identity},
      };
    case 'verify/failed':
      if (state.verify.phase !== 'running') return state;
      return {
        ...state,
        verify: {phase: 'failed', profile: state.verify.profile, error: action.error},
      };

    case 'message/cleared':
      return {...state, message: undefined};
    case 'app/quit':
      return {...state, quitting: true};
  }
}

/** The profile the precedence screen shows "as if --profile", when that toggle is on. */
export function asProfileName(state: State): string | undefined {
  return state.precedence.asProfile ? state.selected : undefined;
}

const notVerified: VerifyState = Object.freeze({phase: 'idle'});

/**
 * The verification the precedence screen shows: only one made for what the screen shows now. With
 * "as if --profile" on, moving to another row changes the profile, and the result for the last one
 * must not read as this one's.
 */
export function shownVerify(state: State): VerifyState {
  const v = state.verify;
  return v.phase === 'idle' || v.profile === asProfileName(state) ? v : notVerified;
}
