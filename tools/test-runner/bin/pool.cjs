'use strict';

/**
 * Runs the tasks (functions resolving to an exit code) `lanes` at a time, in order, each lane taking the next task
 * when its own ends, whatever the previous ones gave (a failed suite does not stop the others: the run reports
 * every failure); resolves to the first failing code, or 0.
 */
async function pool(tasks, lanes = 1) {
  const queue = [...tasks];
  const lane = async () => {
    let code = 0;
    while (queue.length) {
      // Taken before it is awaited, whatever `code` already is: a lane that kept a failure and skipped the
      // shift would loop forever without yielding.
      const task = queue.shift();
      const result = (await task()) || 0;
      code = code || result;
    }
    return code;
  };
  const codes = await Promise.all(Array.from({ length: lanes }, lane));
  return codes.find((code) => code !== 0) ?? 0;
}

module.exports = { pool };
