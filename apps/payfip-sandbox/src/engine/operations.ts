import { randomInt, randomUUID } from 'node:crypto';
import {
  PAYFIP_IDOP_LIFETIME_MS,
  type PayfipPaymentDetail,
  type PayfipPaymentRequest,
  type PayfipResult,
} from '@salle/contracts';
import type { SimulatedClock } from './clock';
import { payfipDateTime } from './paris-time';
import { functionalFault } from './payfip-fault';

/** What the payer chooses on the payment page. */
export const PAYER_CHOICES = ['card', 'card-refused', 'debit', 'debit-refused', 'abandon'] as const;
export type PayerChoice = (typeof PAYER_CHOICES)[number];

export interface Operation {
  idOp: string;
  request: PayfipPaymentRequest;
  createdAt: number;
  /** A debit the payer signed, known only once it settles. */
  debit?: { settlesAt: number; outcome: 'V' | 'Z' };
  result?: { resultrans: PayfipResult; at: number; numauto: string };
}

export interface OperationsOptions {
  clock: SimulatedClock;
  /** How long a SEPA debit takes to settle, on the simulated clock. */
  debitSettlementMs: number;
  /** Never-used idOps are forgotten after this (the real service purges them at night). */
  purgeAfterMs: number;
}

/** Why the payment page cannot be used for an idOp. */
export type PageRefusal = 'unknown' | 'expired' | 'used';

function numauto(saisie: string): string {
  const digits = String(randomInt(0, 1_000_000)).padStart(6, '0') + String(randomInt(0, 1_000_000)).padStart(6, '0');
  return saisie === 'W' ? digits : `${digits}-tip`;
}

/** The payments created through the web-service and what became of them. */
export class Operations {
  private readonly byId = new Map<string, Operation>();

  constructor(private readonly options: OperationsOptions) {}

  create(request: PayfipPaymentRequest): Operation {
    const operation: Operation = { idOp: randomUUID(), request, createdAt: this.options.clock.now() };
    this.byId.set(operation.idOp, operation);
    return operation;
  }

  get(idOp: string): Operation | undefined {
    const operation = this.byId.get(idOp);
    if (!operation) return undefined;
    const unused = !operation.result && !operation.debit;
    if (unused && this.options.clock.now() - operation.createdAt > this.options.purgeAfterMs) {
      this.byId.delete(idOp);
      return undefined;
    }
    return operation;
  }

  list(): Operation[] {
    return [...this.byId.keys()].map((id) => this.get(id)).filter((op): op is Operation => op !== undefined);
  }

  /** recupererDetailPaiementSecurise: P1 when unknown or purged, P5 while no result is known. */
  detail(idOp: string): PayfipPaymentDetail {
    const operation = this.get(idOp);
    if (!operation) throw functionalFault('P1');
    if (!operation.result) throw functionalFault('P5');
    const { request, result } = operation;
    return {
      ...payfipDateTime(result.at),
      exer: request.exer,
      idOp,
      mel: request.mel,
      montant: request.montant,
      numauto: result.numauto,
      numcli: request.numcli,
      objet: request.objet,
      refdet: request.refdet,
      resultrans: result.resultrans,
      saisie: request.saisie,
    };
  }

  /** Whether the payment page may be shown for this idOp. */
  pageRefusal(idOp: string): PageRefusal | null {
    const operation = this.get(idOp);
    if (!operation) return 'unknown';
    if (operation.result || operation.debit) return 'used';
    if (this.options.clock.now() - operation.createdAt > PAYFIP_IDOP_LIFETIME_MS) return 'expired';
    return null;
  }

  /** The payer's choice; a debit only records the mandate, its result comes when it settles. */
  choose(idOp: string, choice: PayerChoice): Operation {
    const refusal = this.pageRefusal(idOp);
    if (refusal) throw functionalFault(refusal === 'unknown' ? 'P1' : refusal === 'used' ? 'P3' : 'P4');
    const operation = this.byId.get(idOp) as Operation;
    const now = this.options.clock.now();
    if (choice === 'debit' || choice === 'debit-refused') {
      operation.debit = { settlesAt: now + this.options.debitSettlementMs, outcome: choice === 'debit' ? 'V' : 'Z' };
      return operation;
    }
    const resultrans: PayfipResult = choice === 'card' ? 'P' : choice === 'card-refused' ? 'R' : 'A';
    operation.result = { resultrans, at: now, numauto: resultrans === 'P' ? numauto(operation.request.saisie) : '' };
    return operation;
  }

  /** Settles the debits due by now on the simulated clock; returns the operations settled. */
  settleDueDebits(): Operation[] {
    const now = this.options.clock.now();
    const settled: Operation[] = [];
    for (const operation of this.byId.values()) {
      if (!operation.debit || operation.result || operation.debit.settlesAt > now) continue;
      const { outcome, settlesAt } = operation.debit;
      operation.result = {
        resultrans: outcome,
        at: settlesAt,
        numauto: outcome === 'V' ? numauto(operation.request.saisie) : '',
      };
      settled.push(operation);
    }
    return settled;
  }
}
