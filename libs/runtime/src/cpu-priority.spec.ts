import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { lowerCpuPriority } from './cpu-priority';

/** The niceness of each thread of this process, from `/proc/self/task/<tid>/stat` (field 19). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').map((thread) => {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const linux = process.platform === 'linux' ? describe : describe.skip;

linux('lowerCpuPriority', () => {
  it('lowers every thread of the process, not only the main one, and never raises a lower priority back', () => {
    // V8's own threads exist from the start: os.setPriority() alone leaves them where they were.
    expect(threadNiceness().length).toBeGreaterThan(1);
    // Below 19 with room for the second check's +2 (a worker reused by jest may already run lowered).
    const target = Math.min(Math.max(...threadNiceness()) + 1, 17);
    lowerCpuPriority(target);
    expect(new Set(threadNiceness())).toEqual(new Set([target]));
    // A thread that does not exist (ended meanwhile) is skipped, not an error.
    expect(() => lowerCpuPriority(target, 2 ** 22 + 1)).not.toThrow();
    os.setPriority(target + 2);
    lowerCpuPriority(target);
    expect(os.getPriority()).toBe(target + 2);
  });
});
