// A batch renewal: the profiles marked (or those sharing the selected row's device), one panel
// after another, each with its own code, and a closing message with every outcome.
import {takeCode} from '../../core/code-steps.js';
import {fail, ok, type Result} from '../../core/errors.js';
import {describeExpiry, expiryState} from '../../core/expiry.js';
import {warnSecondsOf, type Profile} from '../../core/profiles.js';
import type {RenewDone} from '../ports.js';
import type {ActionOf} from './actions.js';
import {placeCursor, reselect, selectedProfile} from './list.js';
import {codeSerial, openPanel, previewFor, type Batch, type RenewPanel} from './renew-plan.js';
import type {State} from './state.js';

/** Whether a row's session is expired or expiring at `now`, as the row shows it (judged again by the row's own window); without `now`, as the files were read. */
function lapsing(p: Profile, now: Date | undefined, warnSeconds: number): boolean {
  const timed = p.state === 'valid' || p.state === 'expiring' || p.state === 'expired';
  const state =
    now && timed ? expiryState(p.expiresAt, now, warnSecondsOf(p, warnSeconds)) : p.state;
  return state === 'expired' || state === 'expiring';
}

/** The profiles a batch renews: the marked ones, else the selected one and every profile on its device expired or expiring at `now`. */
export function batchQueue(state: State, now?: Date): Result<string[]> {
  const all = state.snapshot?.profiles ?? [];
  const targets = new Set<string>();
  const queue: string[] = [];
  const add = (name: string, preview = previewFor(state, name)) => {
    const key = preview.ok ? preview.value.target : name;
    if (targets.has(key)) return;
    targets.add(key);
    queue.push(name);
  };
  if (state.marks.length > 0) {
    for (const p of all) if (state.marks.includes(p.name)) add(p.name);
    return ok(queue);
  }
  const selected = selectedProfile(state);
  if (!selected) {
    const fix = 'Select or mark (Space) profiles first.';
    return fail('batch-empty', 'There is no profile to renew.', fix);
  }
  const first = previewFor(state, selected.name);
  add(selected.name, first);
  const serial = first.ok && first.value.needsCode ? first.value.serial : '';
  for (const p of serial ? all : []) {
    if (!lapsing(p, now, state.snapshot!.warnSeconds)) continue;
    const preview = previewFor(state, p.name);
    if (preview.ok && preview.value.needsCode && preview.value.serial === serial)
      add(p.name, preview);
  }
  return ok(queue);
}

/** After a batch member: the next profile's panel, or the batch's closing message. */
function nextInBatch(state: State, panel: RenewPanel, batch: Batch): State {
  const index = batch.index + 1;
  if (index < batch.queue.length) {
    const next = {...batch, index};
    const renew = openPanel(state, batch.queue[index]!, panel.attempt, next);
    return placeCursor({...state, renew});
  }
  const renewed = batch.results.filter((r) => r.ok);
  const outcomes = batch.results.map((r) => `${r.ok ? '✓' : '✗'} ${r.profile} ${r.text}`);
  const text = `Renewed ${renewed.length} of ${batch.queue.length}: ${outcomes.join(' · ')}`;
  return reselect({
    ...state,
    renew: undefined,
    selected: renewed[renewed.length - 1]?.profile ?? state.selected,
    message: {tone: renewed.length === batch.queue.length ? 'ok' : 'bad', text},
  });
}

/** A batch member renewed: the next member's panel opens (its code step was spent when sent). */
export function batchSucceeded(state: State, panel: RenewPanel, done: RenewDone, now: Date): State {
  const batch = panel.batch!;
  const result = {profile: done.target, ok: true, text: describeExpiry(done.expiresAt, now, 0)};
  const next = {...batch, results: [...batch.results, result]};
  return nextInBatch({...state, reloads: state.reloads + 1}, panel, next);
}

/** The code left for STS: in a batch its step is spent (and the code kept to spot it typed again). */
export function codeSent(panel: RenewPanel, now: Date): RenewPanel {
  const serial = codeSerial(panel);
  if (!panel.batch || !serial || !panel.code) return panel;
  const ledger = takeCode(panel.batch.ledger, serial, panel.code, now);
  return {...panel, batch: {...panel.batch, ledger}};
}

/** Esc in a batch: while waiting (or asking IAM) it stops the batch; elsewhere it skips this profile. */
export function batchCancelled(state: State, panel: RenewPanel, batch: Batch): State {
  const name = panel.plan?.target ?? panel.profile;
  const stop = panel.phase === 'waiting' || panel.phase === 'discovering';
  const skipped = stop ? batch.queue.slice(batch.index) : [batch.queue[batch.index]!];
  const text = stop ? 'not renewed (stopped)' : 'skipped';
  const results = [
    ...batch.results,
    ...skipped.map((p, i) => ({profile: i === 0 ? name : p, ok: false, text})),
  ];
  const index = stop ? batch.queue.length - 1 : batch.index;
  return nextInBatch(state, panel, {...batch, results, index});
}

export function batchReducer(state: State, action: ActionOf<'batch'>): State {
  if (action.type === 'batch/opened') {
    const queue = batchQueue(state, action.now);
    if (!queue.ok) return {...state, message: {tone: 'bad', text: queue.error.message}};
    const batch: Batch = {queue: queue.value, index: 0, results: [], ledger: {}};
    const renew = openPanel(state, queue.value[0]!, 0, batch);
    return placeCursor({...state, renew, marks: [], message: undefined});
  }
  const p = selectedProfile(state);
  if (!p) return state;
  const marked = state.marks.includes(p.name);
  return {
    ...state,
    marks: marked ? state.marks.filter((m) => m !== p.name) : [...state.marks, p.name],
  };
}
