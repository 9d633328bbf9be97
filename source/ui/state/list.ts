// The profile list: the rows the filter lets through, the cursor kept in view, reloads and resizes.
import type {Result} from '../../core/errors.js';
import {kindLabels, type Profile} from '../../core/profiles.js';
import {listHeight, scrollFor, type FrameParts} from '../layout.js';
import type {ProfileSnapshot} from '../ports.js';
import type {ActionOf, CursorMove} from './actions.js';
import {ready, replan} from './renew-plan.js';
import type {State} from './state.js';

const filterCache = new WeakMap<Profile[], {text: string; rows: Profile[]}>();

/** The rows the filter lets through (case-insensitive, on name, kind, device and link), memoised per (profiles, filter). */
export function filteredProfiles(state: Pick<State, 'snapshot' | 'filter'>): Profile[] {
  const all = state.snapshot?.profiles ?? [];
  const text = state.filter.text.trim();
  if (!text) return all;
  const cached = filterCache.get(all);
  if (cached && cached.text === text) return cached.rows;
  const needle = text.toLowerCase();
  const rows = all.filter((p) =>
    [p.name, kindLabels[p.kind], p.mfaSerial, p.source, p.target].some((field) =>
      field?.toLowerCase().includes(needle),
    ),
  );
  filterCache.set(all, {text, rows});
  return rows;
}

export function frameParts(state: State): FrameParts {
  return {
    rows: state.size.rows,
    banner: state.banner,
    warnings: (state.snapshot?.warnings.length ?? 0) > 0,
    renewOpen: !!state.renew,
  };
}

export function pageSize(state: State): number {
  return listHeight(frameParts(state));
}

export function selectedProfile(state: State): Profile | undefined {
  return filteredProfiles(state)[state.cursor];
}

/** The cursor on row `cursor` (clamped), scrolled into view, and that row's name remembered. */
export function placeCursor(state: State, cursor = state.cursor): State {
  const rows = filteredProfiles(state);
  const c = rows.length ? Math.max(0, Math.min(cursor, rows.length - 1)) : 0;
  return {
    ...state,
    cursor: c,
    scrollTop: scrollFor(c, state.scrollTop, pageSize(state), rows.length),
    selected: rows[c]?.name ?? state.selected,
  };
}

/** Puts the cursor back on the selected profile after the rows changed (reload, filter). */
export function reselect(state: State): State {
  const rows = filteredProfiles(state);
  const i = state.selected ? rows.findIndex((p) => p.name === state.selected) : -1;
  return placeCursor(state, i >= 0 ? i : Math.min(state.cursor, rows.length - 1));
}

function moveTarget(state: State, move: CursorMove): number {
  const page = pageSize(state);
  const targets: Record<CursorMove, number> = {
    up: state.cursor - 1,
    down: state.cursor + 1,
    'page-up': state.cursor - page,
    'page-down': state.cursor + page,
    top: 0,
    bottom: filteredProfiles(state).length - 1,
  };
  return targets[move];
}

function loaded(state: State, result: Result<ProfileSnapshot>): State {
  if (!result.ok) return {...state, loadError: result.error};
  const next = reselect({...state, snapshot: result.value, loadError: undefined});
  const panel = next.renew;
  // A batch member not yet typed into is planned again on the files as they are now: the
  // session the member before it wrote may sign it without a code (then it goes at once).
  if (panel?.batch && panel.code === '' && ['editing', 'waiting'].includes(panel.phase)) {
    return {...next, renew: ready(replan(next, {...panel, phase: 'editing'}))};
  }
  return next;
}

type ListAction = ActionOf<'profiles' | 'files' | 'terminal' | 'cursor' | 'app'>;

export function listReducer(state: State, action: ListAction): State {
  switch (action.type) {
    case 'profiles/loaded':
      return loaded(state, action.result);
    case 'files/changed':
      return {...state, reloads: state.reloads + 1};
    case 'terminal/resized':
      return placeCursor({...state, size: {columns: action.columns, rows: action.rows}});
    case 'cursor/moved':
      return placeCursor(state, moveTarget(state, action.move));
    case 'app/quit':
      return {...state, quitting: true};
  }
}
