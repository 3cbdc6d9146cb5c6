export interface RelayPause {
  /**
   * Waits for `ms`, a NOTIFY from a commit (`wakeUp`), or stop(). With
   * `gathering`, only stop() cuts the wait short: the commits notified
   * meanwhile are read together when it ends.
   */
  pause(ms: number, gathering?: boolean): Promise<void>;
  /** Ends the current pause, or, when none, makes the next non-gathering one return at once. */
  wakeUp(): void;
}

/** The relay's waits, cut short by commits (when it listens) and by stop(), which `isRunning` tells. */
export function createRelayPause(isRunning: () => boolean): RelayPause {
  let wake: (() => void) | undefined;
  let woken = false;
  return {
    pause(ms, gathering = false) {
      if (!isRunning() || (woken && !gathering)) {
        woken = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wake = undefined;
          woken = false;
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        wake = gathering
          ? () => {
              if (!isRunning()) done();
            }
          : done;
      });
    },
    wakeUp() {
      if (wake) wake();
      else woken = true;
    },
  };
}
