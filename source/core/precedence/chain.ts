// Builds a client's chain link by link, in the client's order, and picks the winner the way the
// client does: the first source that yields credentials, or the first one whose failure stops it.
import {describeVia, noIdentity} from './identity.js';
import type {ChainLink, Identity, SourceId, Winner} from './types.js';

/** What one provider would do: `absent` (nothing configured), `ignored` (configured but skipped by
 * the client's rules), `ok` (yields credentials), `soft` (fails, the client moves on), `hard`
 * (fails, the client stops with this error). */
export type Probe =
  | {state: 'absent' | 'ignored'; reason: string}
  | {state: 'ok'; reason: string; identity: Identity; notRun?: true}
  | {state: 'soft' | 'hard'; reason: string; identity?: Identity};

export const absent = (reason: string): Probe => ({state: 'absent', reason});
export const ignored = (reason: string): Probe => ({state: 'ignored', reason});
export const ok = (reason: string, identity: Identity): Probe => ({state: 'ok', reason, identity});
/** A failure that stops the client (`hard`), or one it moves on from (`soft`). */
export const fails = (
  reason: string,
  identity?: Identity,
  state: 'hard' | 'soft' = 'hard',
): Probe => ({state, reason, ...(identity ? {identity} : {})});
/** An AssumeRole of `role`'s role, signed with the `via` credentials. */
export const assumes = (role: Identity, via: Identity, note = ''): Probe =>
  ok(`assumes ${role.roleArn} with ${describeVia(via)}${note}`, {...role, via});
export const soft = (reason: string, identity?: Identity) => fails(reason, identity, 'soft');

export class ChainBuilder {
  readonly links: ChainLink[] = [];
  winner: Winner | undefined;

  constructor(private readonly fatal?: string) {}

  /** Appends the next provider of the client's chain. */
  add(source: SourceId, probe: Probe): void {
    const link = (status: ChainLink['status'], code: ChainLink['code']) =>
      void this.links.push({source, status, code, detail: probe.reason});
    if (probe.state === 'absent') return link('absent', 'not-configured');
    if (this.fatal !== undefined) return link('shadowed', 'not-reached');
    if (this.winner)
      return link('shadowed', this.winner.status === 'broken' ? 'after-failure' : 'after-winner');
    switch (probe.state) {
      case 'ignored':
        return link('shadowed', 'skipped');
      case 'ok': {
        const code = probe.notRun ? 'not-run' : 'used';
        link('used', code);
        this.winner = {...probe.identity, status: 'used', code, reason: probe.reason};
        return;
      }
      case 'soft':
        return link('broken', 'fails-moves-on');
      case 'hard': {
        link('broken', 'fails');
        const identity = probe.identity ?? noIdentity(source);
        this.winner = {...identity, status: 'broken', code: 'fails', reason: probe.reason};
      }
    }
  }

  /** The chain and its winner; `none` (broken) when the client stops first or nothing yields credentials. */
  finish(noneReason: string): {chain: ChainLink[]; winner: Winner} {
    const code = this.fatal === undefined ? 'no-credentials' : 'stopped';
    const reason = this.fatal ?? noneReason;
    const none: Winner = {...noIdentity('none'), status: 'broken', code, reason};
    return {chain: this.links, winner: this.winner ?? none};
  }
}
