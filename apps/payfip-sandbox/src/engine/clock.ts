/**
 * The sandbox's time: real time plus an offset a tester moves forward, so that a SEPA debit settling
 * "three days later" or an idOp expiring after 15 minutes can be seen in seconds.
 */
export class SimulatedClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
