import { ApiError } from '../api/api-error';
import { ActionRunner, type ActionState } from './action-runner';

function runner() {
  const states: ActionState[] = [];
  return { states, runner: new ActionRunner((state) => states.push(state)) };
}

const problem = (title: string) => new ApiError({ title, status: 409, code: 'conflict' });

describe('ActionRunner', () => {
  it('is busy while the work runs, and clears the previous problem when a new attempt starts', async () => {
    const { states, runner: action } = runner();
    action.fail(problem('avant'));
    let busyDuringWork: boolean | undefined;
    const ok = await action.run(async () => {
      busyDuringWork = states[states.length - 1]?.busy;
    });
    expect(ok).toBe(true);
    expect(busyDuringWork).toBe(true);
    expect(states.map((state) => [state.busy, state.error?.message ?? null])).toEqual([
      [false, 'avant'],
      [true, null],
      [false, null],
    ]);
  });

  it('keeps a failure as the problem to show, an API problem as sent and anything else as a readable one', async () => {
    const { states, runner: action } = runner();
    expect(await action.run(() => Promise.reject(problem('Ce créneau vient d’être pris.')))).toBe(false);
    expect(states.at(-1)).toEqual({
      busy: false,
      error: expect.objectContaining({ message: 'Ce créneau vient d’être pris.', code: 'conflict' }),
    });
    expect(await action.run(() => Promise.reject(new TypeError('Failed to fetch')))).toBe(false);
    const last = states.at(-1);
    expect(last?.busy).toBe(false);
    expect(last?.error).toBeInstanceOf(ApiError);
    expect(last?.error?.message).not.toContain('TypeError');
  });

  it('ignores a second run while the first is under way (a double click sends one request)', async () => {
    const { runner: action } = runner();
    let calls = 0;
    let finish!: () => void;
    const first = action.run(() => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    expect(await action.run(async () => void calls++)).toBe(false);
    finish();
    expect(await first).toBe(true);
    expect(await action.run(async () => void calls++)).toBe(true);
    expect(calls).toBe(2);
  });

  it('stays busy after work that leaves the page succeeded, and not after it failed', async () => {
    const { states, runner: action } = runner();
    expect(await action.run(() => Promise.reject(problem('refus')), { leavesPage: true })).toBe(false);
    expect(states.at(-1)?.busy).toBe(false);
    expect(await action.run(async () => undefined, { leavesPage: true })).toBe(true);
    expect(states.at(-1)?.busy).toBe(true);
    expect(await action.run(async () => undefined)).toBe(false);
  });
});
