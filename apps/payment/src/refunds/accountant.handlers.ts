import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import { managesEstablishment, requireAdmin, requireManagerOf } from '@salle/auth';
import type { PaymentHandlers } from '../access/access-policy';
import { staffActor } from '../audit/audit.handlers';
import { accountantRefundAlreadyDone, invalidPeriod, refundNotFound } from '../errors';
import { parisDayStart } from '../payments/french-format';
import { accountantExportCsv } from './accountant-export';
import { findAccountantRefund, listAccountantRefunds, markAccountantRefundDone } from './accountant-refunds';

/** Refund requests for the public accountant (list, mark done) and the accountant's CSV export. */
export function accountantHandlers(
  dataSource: DataSource,
): Pick<PaymentHandlers, 'accountantRefunds' | 'markAccountantRefundDone' | 'accountantExport'> {
  return {
    accountantRefunds: {
      access: 'signedIn',
      handle: async ({ query: { establishmentId, open } }, { access }) => {
        if (establishmentId) requireManagerOf(access, establishmentId);
        else requireAdmin(access);
        return { items: await listAccountantRefunds(dataSource, { establishmentId, open: open === 'true' }) };
      },
    },
    markAccountantRefundDone: {
      access: 'signedIn',
      handle: async ({ params: { refundId }, body }, { access }) => {
        const found = await findAccountantRefund(dataSource, refundId);
        // Another collège's refund is answered as an unknown one.
        if (!found?.establishmentId || !managesEstablishment(access, found.establishmentId)) throw refundNotFound();
        const outcome = await markAccountantRefundDone(dataSource, refundId, body.accountantReference, {
          ...staffActor(access),
          accountId: access.caller.accountId,
        });
        if (outcome.kind === 'missing') throw refundNotFound();
        if (outcome.kind === 'already_done') throw accountantRefundAlreadyDone();
        return outcome.refund;
      },
    },
    accountantExport: {
      access: 'establishmentManager',
      handle: async ({ params: { establishmentId }, query }) => {
        if (query.from && query.to && query.from > query.to) throw invalidPeriod();
        const from = query.from ? parisDayStart(query.from) : null;
        const to = query.to ? new Date(parisDayStart(query.to).getTime() + 86_400_000) : null;
        const period = `${query.from ?? 'debut'}_${query.to ?? 'aujourdhui'}`;
        return reply(await accountantExportCsv(dataSource, establishmentId, from, to), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="export-comptable-${establishmentId}-${period}.csv"`,
          },
        });
      },
    },
  };
}
