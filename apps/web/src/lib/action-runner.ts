import { toApiError, type ApiError } from '../api/api-error';

export interface ActionState {
  busy: boolean;
  error: ApiError | null;
}

export interface RunOptions {
  /** The work ends by leaving the page (a redirect to the payment page): stay busy after it succeeded. */
  leavesPage?: boolean;
}

/**
 * What a screen does when a person clicks "Envoyer": one request at a time
 * (a second click while the first is under way is ignored), the previous
 * problem cleared when a new attempt starts, and a failure kept as the
 * problem to show. Knows nothing of React: `useAction` renders its state.
 */
export class ActionRunner {
  private running = false;
  private state: ActionState = { busy: false, error: null };

  constructor(private readonly onChange: (state: ActionState) => void) {}

  /** A problem the screen found itself (a form check): shown like a failed request's. */
  fail(error: ApiError | null): void {
    this.set({ ...this.state, error });
  }

  /** Runs `work`; resolves to true when it succeeded, false when it failed or another run was under way. */
  async run(work: () => Promise<unknown>, options: RunOptions = {}): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.set({ busy: true, error: null });
    try {
      await work();
      this.running = Boolean(options.leavesPage);
      this.set({ busy: this.running, error: null });
      return true;
    } catch (failure) {
      this.running = false;
      this.set({ busy: false, error: toApiError(failure) });
      return false;
    }
  }

  private set(state: ActionState) {
    this.state = state;
    this.onChange(state);
  }
}
