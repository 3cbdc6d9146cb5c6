import type { BackgroundWorker } from './start-service';
import type { Logger } from '@salle/runtime';

/**
 * Runs `tick` every `intervalMs`, one run at a time; stop() waits for the
 * run in progress. A failing run is logged and the next one comes anyway.
 */
export class IntervalWorker implements BackgroundWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  /** One run now (tests, or after an event that makes work due). */
  async runOnce(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.tick()
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.warn({ worker: this.name, reason: (error as Error).message }, 'background run failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => this.schedule(this.intervalMs));
    }, delay);
  }
}
