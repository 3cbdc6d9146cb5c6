import type { SimulatedClock } from './engine/clock';
import type { Clients } from './engine/clients';
import type { Operation, Operations, PayerChoice } from './engine/operations';
import type { Notifier } from './notify/notifier';
import type { SoapFaults } from './soap/soap.routes';

/** What the routes share: the operations, the clock, the notifier and the fault switches. */
export interface SandboxParts {
  operations: Operations;
  clients: Clients;
  clock: SimulatedClock;
  notifier: Notifier;
  faults: SoapFaults;
  debitSettlementMs: number;
  /** The payer's choice, then the notification if a result is known (a debit's comes when it settles). */
  pay(idOp: string, choice: PayerChoice): Operation;
  /** Moves the simulated clock, settles the debits due and notifies them. */
  advanceClock(ms: number): Operation[];
}
