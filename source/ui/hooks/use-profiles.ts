import {useEffect, type Dispatch} from 'react';
import type {Action} from '../state/actions.js';
import type {TuiPorts} from '../ports.js';

/**
 * Reads the files at start and whenever `reloads` is bumped; a stale read never overwrites a newer
 * one. `preloaded`: the first read was done before the UI mounted (the first frame has the rows).
 */
export function useProfiles(
  ports: TuiPorts,
  reloads: number,
  dispatch: Dispatch<Action>,
  preloaded = false,
): void {
  useEffect(() => {
    if (preloaded && reloads === 0) return;
    let cancelled = false;
    void ports.load().then((loaded) => {
      if (cancelled) return;
      if (loaded.ok) dispatch({type: 'profiles/loaded', snapshot: loaded.value});
      else dispatch({type: 'profiles/load-failed', error: loaded.error});
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ports, reloads, dispatch]);
}

/** Subscribes to the edge's file watcher; a change on disk asks for a reload. */
export function useFileWatch(watch: TuiPorts['watch'], dispatch: Dispatch<Action>): void {
  useEffect(() => watch(() => dispatch({type: 'files/changed'})), [watch, dispatch]);
}
