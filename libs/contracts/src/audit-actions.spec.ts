import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_NOT_YET_WRITTEN, AUDITED_OPERATIONS } from './audit-actions';
import { AUDIT_SERVICES, type AuditService } from './audit';
import { bookingOperations } from './booking/operations';
import { gatewayApiOperations, gatewayAuthOperations } from './gateway-operations';
import { notificationOperations } from './notification/operations';
import { paymentOperations } from './payment/operations';
import { payerContactOperations } from './payment/payer-contact';
import type { OperationTable } from './operation';

const TABLES: Record<AuditService, OperationTable> = {
  booking: bookingOperations,
  payment: { ...paymentOperations, ...payerContactOperations },
  notification: notificationOperations,
  gateway: { ...gatewayApiOperations, ...gatewayAuthOperations },
};

const mutating = (table: OperationTable) =>
  Object.entries(table)
    .filter(([, operation]) => operation.method !== 'get')
    .map(([name]) => name)
    .sort();

/** Every production source file of a service (specs and tests left out). */
function sources(service: AuditService): string {
  const root = join(__dirname, '..', '..', '..', 'apps', service, 'src');
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return texts.join('\n');
}

describe.each(AUDIT_SERVICES)('the audit log of %s', (service) => {
  const declared = AUDITED_OPERATIONS[service] as Record<string, { action: string } | { none: string }>;

  it('declares, for every state-changing operation of its table, its audit action or why it writes none', () => {
    expect(Object.keys(declared).sort()).toEqual(mutating(TABLES[service]));
    for (const declaration of Object.values(declared)) {
      if ('none' in declaration) expect(declaration.none.length).toBeGreaterThan(20);
      else expect(declaration.action).toMatch(/^[a-z_]+\.[a-z_]+$/);
    }
  });

  it('writes each declared action in its code, but the listed gaps', () => {
    const code = sources(service);
    const actions = new Set(Object.values(declared).flatMap((item) => ('action' in item ? [item.action] : [])));
    // Written where an entry is made: `action: '…'` (or a choice of codes), or a query's `… AS action`.
    const written = (action: string) => {
      const quoted = `'${action.replace('.', '\\.')}'`;
      return new RegExp(`action: [^\\n]*${quoted}|${quoted}[^\\n]*AS action`).test(code);
    };
    const missing = [...actions].filter((action) => !written(action));
    expect(missing.sort()).toEqual([...AUDIT_NOT_YET_WRITTEN[service]].sort());
  });
});
