import { useState } from 'react';
import type { ApiError } from '../api/api-error';
import { ActionRunner, type ActionState, type RunOptions } from '../lib/action-runner';

export interface Action {
  /** True while a request is under way: the buttons that start one are disabled meanwhile. */
  busy: boolean;
  /** The last failure, or the problem a form check found, until the next attempt. */
  error: ApiError | null;
  /** Shows a problem the screen found itself; null clears it. */
  setError: (error: ApiError | null) => void;
  /** Runs a request (see `ActionRunner.run`): resolves to true when it succeeded. */
  run: (work: () => Promise<unknown>, options?: RunOptions) => Promise<boolean>;
}

/** A screen's button or form that sends a request: busy state, double-click guard and the problem to show. */
export function useAction(): Action {
  const [state, setState] = useState<ActionState>({ busy: false, error: null });
  const [runner] = useState(() => new ActionRunner(setState));
  const [bound] = useState(() => ({
    setError: (error: ApiError | null) => runner.fail(error),
    run: (work: () => Promise<unknown>, options?: RunOptions) => runner.run(work, options),
  }));
  return { ...state, ...bound };
}
