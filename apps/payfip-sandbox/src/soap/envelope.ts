import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { PAYFIP_NAMESPACES, PAYFIP_OPERATIONS, payfipFaultString, type PayfipOperationName } from '@salle/contracts';
import type { PayfipFault } from '../engine/payfip-fault';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

// Prefixes vary between clients: they are dropped, and only local names are read. Values stay text.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: false });

export interface SoapCall {
  operation: PayfipOperationName;
  /** The children of `<arg0>`, by local name; only text values are kept. */
  arg0: Record<string, string>;
}

/** Reads a SOAP 1.1 request; null when it is not an envelope holding one of the three operations. */
export function readSoapCall(xml: string): SoapCall | null {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch {
    return null;
  }
  const body = (document as { Envelope?: { Body?: Record<string, unknown> } }).Envelope?.Body;
  if (!body || typeof body !== 'object') return null;
  const operation = PAYFIP_OPERATIONS.find((name) => name in body);
  if (!operation) return null;
  const call = body[operation] as { arg0?: unknown } | string;
  const arg0 = typeof call === 'object' && call.arg0 && typeof call.arg0 === 'object' ? call.arg0 : {};
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(arg0)) if (typeof value === 'string') fields[name] = value;
  return { operation, arg0: fields };
}

function envelope(body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({
    'S:Envelope': { '@xmlns:S': SOAP_ENV, 'S:Body': body },
  })}`;
}

/** `<ns2:{operation}Response><return>…</return>`, fields in the given order. */
export function soapResponse(operation: PayfipOperationName, fields: Record<string, string>): string {
  return envelope({
    [`ns2:${operation}Response`]: {
      '@xmlns:ns2': PAYFIP_NAMESPACES.service,
      '@xmlns:ns3': PAYFIP_NAMESPACES.response,
      return: fields,
    },
  });
}

/** A SOAP 1.1 server fault whose detail carries the PayFiP error, as JAX-WS writes it. */
export function soapFault(fault: PayfipFault): string {
  return envelope({
    'S:Fault': {
      faultcode: 'S:Server',
      faultstring: payfipFaultString(fault.type),
      detail: {
        [`ns2:${fault.type}`]: {
          '@xmlns:ns2': PAYFIP_NAMESPACES.service,
          code: fault.code,
          descriptif: fault.descriptif,
          libelle: fault.libelle,
          message: fault.message,
          severite: String(fault.severite),
        },
      },
    },
  });
}
