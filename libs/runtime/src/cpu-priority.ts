import { readdirSync } from 'node:fs';
import os from 'node:os';

/** The threads of a process (Linux: `/proc/<pid>/task`); elsewhere the process itself, which the OS renices whole. */
function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}

/**
 * Lowers the CPU priority of every thread of a process to `niceness` (never raises one already lower: that needs
 * privileges). On Linux the niceness belongs to each thread: `os.setPriority()` alone lowers only the main thread,
 * and the threads V8 starts with the process (garbage collection, compilation) kept competing at the normal
 * priority. Threads started later inherit the main thread's. A thread that ends meanwhile is skipped; any other
 * refusal is thrown.
 */
export function lowerCpuPriority(niceness: number, pid = process.pid): void {
  for (const thread of threadsOf(pid)) {
    try {
      if (os.getPriority(thread) < niceness) os.setPriority(thread, niceness);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ESRCH') throw error;
    }
  }
}
