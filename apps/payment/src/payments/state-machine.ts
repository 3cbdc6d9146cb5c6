/**
 * A state machine written as data: each status and the statuses it may move to. The payment
 * service's tables of them are in `payment-states.ts`; this module only reads such a table.
 */
export type Transitions<Status extends string> = Readonly<Record<Status, readonly Status[]>>;

/** The statuses that may move to `target`: what a conditional UPDATE to `target` must require. */
export function sourcesOf<Status extends string>(transitions: Transitions<Status>, target: Status): Status[] {
  return statusesOf(transitions).filter((status) => transitions[status].includes(target));
}

/** The statuses with no way out. */
export function finalStatusesOf<Status extends string>(transitions: Transitions<Status>): Status[] {
  return statusesOf(transitions).filter((status) => transitions[status].length === 0);
}

/** Every status reachable from `starts` (the starts included), following the table. */
export function reachableFrom<Status extends string>(
  transitions: Transitions<Status>,
  starts: readonly Status[],
): Set<Status> {
  const reached = new Set<Status>(starts);
  const queue = [...starts];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    for (const next of transitions[status]) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

/** True when the table lets `from` move to `to`. */
export function mayMove<Status extends string>(transitions: Transitions<Status>, from: Status, to: Status): boolean {
  return transitions[from].includes(to);
}

function statusesOf<Status extends string>(transitions: Transitions<Status>): Status[] {
  return Object.keys(transitions) as Status[];
}
