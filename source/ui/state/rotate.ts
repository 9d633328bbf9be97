// Rotating the selected long-term profile's key from the list: a y/N question, the call, and a
// closing message that says where each key stands.
import {masked} from '../../core/mask.js';
import type {KeyReport} from '../../app/rotate.js';
import type {ActionOf} from './actions.js';
import {selectedProfile} from './list.js';
import type {Message, State} from './state.js';

/** The question asked (`confirm`), then the call under way (`running`): one profile, named. */
export type RotateState = {phase: 'confirm' | 'running'; profile: string; keyLast4?: string};

const keyText = (k: KeyReport['old']) => masked(k.accessKeyId);

/** Where each key stands, in a sentence: which one the file holds and what IAM says of both. */
function keysText(keys: KeyReport): string {
  const held = keys.inFile === 'new' ? keys.new : keys.old;
  const parts = [`${keys.profile} holds ${held ? keyText(held) : 'its old key'}`];
  if (keys.new) parts.push(`new key ${keyText(keys.new)} ${keys.new.status}`);
  parts.push(`old key ${keyText(keys.old)} ${keys.old.status}`);
  return `${parts.join('; ')}.`;
}

/** K on a row: the question when its key can rotate (as `mfa-tui rotate` decides), else why not. */
function opened(state: State): State {
  const p = selectedProfile(state);
  if (!p || !state.snapshot) return state;
  const verdict = state.snapshot.rotatable(p.name);
  if (!verdict.ok) {
    const text = `${verdict.error.message} ${verdict.error.fix}`.trim();
    return {...state, message: {tone: 'bad', text}};
  }
  const keyLast4 = verdict.value.accessKeyIdLast4;
  return {...state, rotate: {phase: 'confirm', profile: p.name, keyLast4}, message: undefined};
}

export function rotateReducer(state: State, action: ActionOf<'rotate'>): State {
  const r = state.rotate;
  switch (action.type) {
    case 'rotate/opened':
      return r ? state : opened(state);
    case 'rotate/confirmed':
      return r?.phase === 'confirm' ? {...state, rotate: {...r, phase: 'running'}} : state;
    case 'rotate/cancelled':
      return r?.phase === 'confirm' ? {...state, rotate: undefined} : state;
  }
  if (r?.phase !== 'running') return state;
  let message: Message;
  if (action.type === 'rotate/succeeded')
    message = {tone: 'ok', text: `Rotated: ${keysText(action.keys)}`};
  else {
    const where = action.keys ? ` ${keysText(action.keys)}` : '';
    message = {tone: 'bad', text: `${action.error.message}${where} ${action.error.fix}`.trim()};
  }
  // Any step may have changed the file or the keys: read again either way.
  return {...state, rotate: undefined, reloads: state.reloads + 1, message};
}
