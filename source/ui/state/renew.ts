// The renew panel's events: opening it, the device IAM lists, typing the code and the duration,
// sending, and the answer.
import {deviceText} from '../../core/profile-text.js';
import {describeExpiry, formatRfc3339} from '../../core/expiry.js';
import {chooseDiscoveredDevice, codeLength, typeCode} from '../../core/mfa.js';
import type {RenewDone} from '../ports.js';
import type {Action, ActionOf} from './actions.js';
import {batchCancelled, batchSucceeded, codeSent} from './batch.js';
import {placeCursor, reselect, selectedProfile} from './list.js';
import {chosenSerial, openPanel, ready, replan, submit, type RenewPanel} from './renew-plan.js';
import {clamp, type Message, type State} from './state.js';

type RenewAction = ActionOf<'renew'>;

/** The status line after a single renewal. */
function doneMessage(done: RenewDone, serial: string | undefined, now: Date): Message {
  const saved =
    done.saved && serial
      ? `; saved ${deviceText(serial)} as mfa_serial in [${done.saved.header}]`
      : '';
  const expiry = describeExpiry(done.expiresAt, now, 0);
  // The (until …) detail gives way to what was saved, so both fit the status line.
  const until = saved ? expiry : `${expiry} (until ${formatRfc3339(done.expiresAt)})`;
  const role = done.kind === 'role' ? ' (role)' : '';
  const signing = done.signing ? `; ${done.signing}` : '';
  let text = `Renewed ${done.target}${role} from ${done.source}: ${until}${saved}${signing}.`;
  if (done.saveError) text += ` Not saved: ${done.saveError.message}`;
  return {tone: done.saveError ? 'bad' : 'ok', text};
}

function succeeded(state: State, panel: RenewPanel, done: RenewDone, now: Date): State {
  if (panel.batch) return batchSucceeded(state, panel, done, now);
  // The cursor follows the session that was written (when its row is already there; else after the reload).
  return reselect({
    ...state,
    renew: undefined,
    selected: done.target,
    message: doneMessage(done, chosenSerial(panel), now),
    reloads: state.reloads + 1,
  });
}

/** The devices IAM listed: none is an answer, one is used at once, several are offered. */
function devicesFound(
  state: State,
  panel: RenewPanel,
  action: Extract<Action, {type: 'renew/devices-found'}>,
) {
  const chosen = chooseDiscoveredDevice(action.devices, action.source);
  if (!chosen.ok && chosen.error.code === 'mfa-device-none')
    return {...panel, phase: 'editing' as const, preview: chosen, plan: undefined};
  const devices = {source: action.source, devices: action.devices, index: 0, save: false};
  if (action.devices.length > 1) return {...panel, phase: 'choosing' as const, devices};
  return ready(replan(state, {...panel, phase: 'editing', devices}));
}

function typed(state: State, panel: RenewPanel, action: RenewAction): RenewPanel | undefined {
  switch (action.type) {
    case 'renew/code-typed': {
      if (!panel.plan?.needsCode) return panel;
      const restart = panel.phase === 'failed';
      const typed = typeCode(restart ? '' : panel.code, action.text);
      if (!typed.ok) return {...panel, phase: 'editing', error: typed.error};
      const code = typed.value;
      const error = code !== panel.code || restart ? undefined : panel.error;
      const next: RenewPanel = {...panel, code, phase: 'editing', error};
      // A pasted "123456\r" is one input: the digits and the Enter together.
      return code.length === codeLength || /[\r\n]/.test(action.text) ? submit(next) : next;
    }
    case 'renew/duration-typed': {
      const text = action.text.toLowerCase().replace(/[^0-9dhms]/g, '');
      return text ? withDuration(state, panel, (panel.durationText + text).slice(0, 12)) : panel;
    }
    case 'renew/erased':
      return panel.field === 'code'
        ? {...panel, code: panel.code.slice(0, -1)}
        : withDuration(state, panel, panel.durationText.slice(0, -1));
    case 'renew/field-toggled':
      // A row that cannot be renewed at all (a role, no keys) has no duration to change.
      return panel.plan ? {...panel, field: panel.field === 'code' ? 'duration' : 'code'} : panel;
    case 'renew/new-code': {
      if (!panel.plan?.bySession || panel.newCode) return panel;
      const next = replan(state, {...panel, newCode: true, field: 'code', error: undefined});
      return {...next, phase: 'editing'};
    }
  }
  return undefined;
}

function withDuration(state: State, panel: RenewPanel, durationText: string): RenewPanel {
  return replan(state, {...panel, durationText, durationEdited: true, error: undefined});
}

/** The user stopped waiting for STS: the fields again, saying what that means for the code. */
function stopped(panel: RenewPanel): RenewPanel {
  const message = 'Stopped waiting for STS: nothing was written.';
  const fix =
    panel.plan?.needsCode === false
      ? 'Enter tries again; Esc closes.'
      : 'STS may have taken the code: type the next one, or Esc to close.';
  return {...panel, phase: 'editing', code: '', error: {code: 'renew-stopped', message, fix}};
}

/** The panel after an event, or undefined when the event does not apply to it as it is. */
function panelAfter(state: State, panel: RenewPanel, action: RenewAction): RenewPanel | undefined {
  const {phase, devices} = panel;
  switch (action.type) {
    case 'renew/devices-found':
      return phase === 'discovering' ? devicesFound(state, panel, action) : undefined;
    case 'renew/discover-failed': {
      if (phase !== 'discovering') return undefined;
      const preview = {ok: false as const, error: action.error};
      return {...panel, phase: 'editing', preview, plan: undefined};
    }
    case 'renew/device-moved': {
      if (!devices || phase !== 'choosing') return undefined;
      const index = clamp(devices.index + action.by, devices.devices.length - 1);
      return {...panel, devices: {...devices, index}};
    }
    case 'renew/device-chosen':
      return devices && phase === 'choosing'
        ? ready(replan(state, {...panel, phase: 'editing'}))
        : undefined;
    case 'renew/save-toggled':
      return devices && phase !== 'submitting'
        ? {...panel, devices: {...devices, save: !devices.save}}
        : undefined;
    case 'renew/code-sent':
      return phase === 'submitting' && (action.attempt ?? panel.attempt) === panel.attempt
        ? codeSent(panel, action.now)
        : undefined;
    case 'renew/code-step-reached':
      return phase === 'waiting' ? {...panel, phase: 'editing'} : undefined;
    case 'renew/started':
      // A session that could not be written is written again from memory: no code needed.
      return phase === 'failed' && panel.error?.code === 'session-unwritten'
        ? {...panel, phase: 'submitting', error: undefined, attempt: panel.attempt + 1}
        : submit(panel);
    case 'renew/failed':
      return {...panel, phase: 'failed', error: action.error, code: ''};
  }
  const typing = phase === 'editing' || phase === 'failed';
  return typing ? typed(state, panel, action) : undefined;
}

export function renewReducer(state: State, action: RenewAction): State {
  const panel = state.renew;
  if (action.type === 'renew/opened') {
    const p = selectedProfile(state);
    if (!p) return state;
    const renew = openPanel(state, p.name, panel?.attempt ?? 0);
    // Opening the panel shrinks the list: keep the selected row in view.
    return placeCursor({...state, renew, message: undefined});
  }
  if (action.type === 'renew/succeeded' || action.type === 'renew/failed') {
    // An answer to a submit the user stopped waiting for (or to an earlier one) is dropped.
    const late = action.attempt !== undefined && action.attempt !== panel?.attempt;
    if (panel?.phase !== 'submitting' || late) return state;
    if (action.type === 'renew/succeeded') return succeeded(state, panel, action.done, action.now);
  }
  if (!panel) return state;
  if (action.type === 'renew/cancelled') {
    // While the code is on its way Esc stops waiting: the fields again, the answer dropped.
    if (panel.phase === 'submitting') return {...state, renew: stopped(panel)};
    if (panel.batch) return batchCancelled(state, panel, panel.batch);
    return placeCursor({...state, renew: undefined});
  }
  const next = panelAfter(state, panel, action);
  return next && next !== panel ? {...state, renew: next} : state;
}
