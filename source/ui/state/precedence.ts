// The precedence screen: which client uses what, "as if --profile" the selected row, and a
// verification with STS of what the screen shows.
import type {ActionOf} from './actions.js';
import {clamp, type State, type VerifyState} from './state.js';

/** The profile the precedence screen shows "as if --profile", when that toggle is on. */
export function asProfileName(state: State): string | undefined {
  return state.precedence.asProfile ? state.selected : undefined;
}

/**
 * The verification the precedence screen shows: only one made for what it shows now (with "as if
 * --profile" on, moving to another row changes the profile, and the last result is not this one's).
 */
export function shownVerify(state: State): VerifyState {
  const v = state.verify;
  return v.phase === 'idle' || v.profile === asProfileName(state) ? v : {phase: 'idle'};
}

export function verifyReducer(state: State, action: ActionOf<'verify'>): State {
  const v = state.verify;
  if (action.type === 'verify/started')
    return v.phase === 'running'
      ? state
      : {...state, verify: {phase: 'running', profile: asProfileName(state)}};
  if (v.phase !== 'running') return state;
  const verify: VerifyState =
    action.type === 'verify/succeeded'
      ? {phase: 'done', profile: v.profile, identity: action.identity}
      : {phase: 'failed', profile: v.profile, error: action.error};
  return {...state, verify};
}

export function precedenceReducer(state: State, action: ActionOf<'precedence'>): State {
  const p = state.precedence;
  switch (action.type) {
    case 'precedence/summarised':
      // A summary of an older read is dropped: the newer one's is on its way.
      return action.summary.snapshot === state.snapshot
        ? {...state, summary: action.summary}
        : state;
    case 'precedence/opened':
      return {...state, screen: 'precedence', message: undefined, precedence: {...p, scroll: 0}};
    case 'precedence/closed':
      return {...state, screen: 'profiles'};
    case 'precedence/client-moved': {
      const count = Math.max(1, action.count);
      const client = (((p.client + action.by) % count) + count) % count;
      return {...state, precedence: {...p, client}};
    }
    case 'precedence/scrolled':
      return {...state, precedence: {...p, scroll: clamp(p.scroll + action.by, action.max)}};
    case 'precedence/as-profile-toggled': {
      const precedence = {...p, asProfile: !p.asProfile, scroll: 0};
      return {...state, precedence, verify: {phase: 'idle'}};
    }
  }
}
