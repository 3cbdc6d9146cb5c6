import { PAYFIP_PAID_RESULTS } from '@salle/contracts';
import type { Operation } from './operations';
import { payfipDateTime } from './paris-time';

/**
 * The day's settlement report ("compte-rendu") for one creditor, in the shape one integration imports:
 * an `EN-TETE` line, one `LIGNE` per paid operation with [1] date, [2] refdet, [3] amount in cents, then
 * `PIED-DE-PAGE` with the count and the total. The real file's exact columns are not documented: the
 * sandbox adds idOp, numauto and resultrans after the three known ones.
 */
export function settlementReport(operations: Operation[], numcli: string, dattrans: string): string {
  const lines = operations
    .filter((operation) => operation.request.numcli === numcli && operation.result)
    .filter((operation) => PAYFIP_PAID_RESULTS.includes(operation.result?.resultrans ?? 'A'))
    .map((operation) => ({ operation, when: payfipDateTime(operation.result?.at ?? 0) }))
    .filter(({ when }) => when.dattrans === dattrans)
    .sort((a, b) => a.when.heurtrans.localeCompare(b.when.heurtrans))
    .map(({ operation, when }) =>
      [
        'LIGNE',
        when.dattrans,
        operation.request.refdet,
        operation.request.montant,
        operation.idOp,
        operation.result?.numauto ?? '',
        operation.result?.resultrans ?? '',
      ].join(';'),
    );
  const total = lines.reduce((sum, line) => sum + Number(line.split(';')[3]), 0);
  return [`EN-TETE;${numcli};${dattrans}`, ...lines, `PIED-DE-PAGE;${lines.length};${total}`].join('\r\n') + '\r\n';
}
