import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import {
  PAYFIP_FAULT_TYPES,
  PAYFIP_NAMESPACES,
  type PayfipFaultType,
  type PayfipOperationName,
} from '@salle/contracts';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@' });
// Prefixes differ between servers: only local names are read, and every value stays text.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** An envelope for one operation, the fields unqualified inside `<arg0>`, in the order given. */
export function payfipEnvelope(operation: PayfipOperationName, fields: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({
    'soapenv:Envelope': {
      '@xmlns:soapenv': SOAP_ENV,
      '@xmlns:pai': PAYFIP_NAMESPACES.service,
      'soapenv:Body': { [`pai:${operation}`]: { arg0: fields } },
    },
  })}`;
}

export interface PayfipFaultDetail {
  type: PayfipFaultType | 'unknown';
  code: string;
  libelle: string;
}

export type PayfipAnswer =
  { kind: 'return'; fields: Record<string, string> } | { kind: 'fault'; fault: PayfipFaultDetail };

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Reads an answer: the `<return>` fields, or the fault's type and code; null when it is not a SOAP answer. */
export function readPayfipAnswer(operation: PayfipOperationName, xml: string): PayfipAnswer | null {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch {
    return null;
  }
  const body = (document as { Envelope?: { Body?: Record<string, unknown> } }).Envelope?.Body;
  if (!body || typeof body !== 'object') return null;
  const fault = body['Fault'] as { detail?: Record<string, unknown> } | undefined;
  if (fault && typeof fault === 'object') {
    const detail = fault.detail && typeof fault.detail === 'object' ? fault.detail : {};
    const type = PAYFIP_FAULT_TYPES.find((name) => name in detail);
    const inner = (type ? detail[type] : {}) as Record<string, unknown>;
    return {
      kind: 'fault',
      fault: { type: type ?? 'unknown', code: text(inner['code']), libelle: text(inner['libelle']) },
    };
  }
  const response = body[`${operation}Response`] as { return?: Record<string, unknown> } | undefined;
  if (!response || typeof response !== 'object' || typeof response.return !== 'object') return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.return)) fields[name] = text(value);
  return { kind: 'return', fields };
}
