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
 * Lowers the CPU priority of every thread of a process: raises each one's niceness to `niceness`, never lowers
 * one already higher (that needs privileges). On Linux the niceness belongs to each thread: `os.setPriority()`
 * alone changes only the main thread, and the threads V8 starts with the process (garbage collection, compilation)
 * kept competing at the normal priority. Threads started later inherit the niceness of the thread that starts
 * them. A thread that ends meanwhile is skipped; any other refusal is thrown once every thread was tried.
 */
export function lowerCpuPriority(niceness: number, pid = process.pid): void {
  let refused: unknown;
  for (const thread of threadsOf(pid)) {
    try {
      if (os.getPriority(thread) < niceness) os.setPriority(thread, niceness);
    } catch (error) {
      // Node reports the system's code under `info` (its own `code` is ERR_SYSTEM_ERROR).
      const { code, info } = error as { code?: string; info?: { code?: string } };
      if (code !== 'ESRCH' && info?.code !== 'ESRCH') refused ??= error;
    }
  }
  if (refused) throw refused;
}
