import express, { Router, type Response } from 'express';
import { PAYFIP_DETAIL_FIELDS, PAYFIP_PATHS, type PayfipPaymentDetail } from '@salle/contracts';
import type { Clients } from '../engine/clients';
import type { Operations } from '../engine/operations';
import { PayfipFault, functionalFault } from '../engine/payfip-fault';
import { checkedRequest } from '../engine/request-rules';
import { readSoapCall, soapFault, soapResponse, type SoapCall } from './envelope';

/** Tests make the web-service fail: a technical fault, or an answer that comes too late. */
export interface SoapFaults {
  /** Answer every call with this technical fault; null answers normally. */
  technical: 'TechIndisponibiliteErreur' | 'TechDysfonctionnementErreur' | null;
  /** Hold every answer this long (a client's timeout shows). */
  delayMs: number;
}

export interface SoapParts {
  operations: Operations;
  clients: Clients;
  faults: SoapFaults;
}

function answer(call: SoapCall, parts: SoapParts): Record<string, string> {
  switch (call.operation) {
    case 'creerPaiementSecurise': {
      const request = checkedRequest(call.arg0, (numcli) => parts.clients.knows(numcli));
      return { idOp: parts.operations.create(request).idOp };
    }
    case 'recupererDetailPaiementSecurise': {
      // The real service only reads `idOp`; a lowercase `idop` is reported to get P1.
      const detail: PayfipPaymentDetail = parts.operations.detail(call.arg0['idOp'] ?? '');
      return Object.fromEntries(PAYFIP_DETAIL_FIELDS.map((field) => [field, detail[field]]));
    }
    case 'recupererDetailClient': {
      const numcli = call.arg0['numCli'] ?? '';
      const label = parts.clients.label(numcli);
      if (!label) throw functionalFault('T2');
      return { libelleN1: label, libelleN2: '', libelleN3: '', numcli };
    }
  }
}

function send(res: Response, status: number, xml: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(xml);
}

/** `POST /tpa/services/securite`: the three operations, faults as HTTP 500 with a SOAP fault body. */
export function soapRoutes(parts: SoapParts): Router {
  const router = Router();
  router.post(PAYFIP_PATHS.soap, express.text({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (parts.faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, parts.faults.delayMs));
    if (parts.faults.technical) {
      const code = parts.faults.technical === 'TechIndisponibiliteErreur' ? 'I1' : 'D9';
      const text = 'Service momentanément indisponible (bac à sable)';
      return send(res, 500, soapFault(new PayfipFault(parts.faults.technical, code, text, text, 3)));
    }
    const call = readSoapCall(typeof req.body === 'string' ? req.body : '');
    if (!call) {
      const text = 'Requête SOAP illisible ou opération inconnue';
      return send(res, 500, soapFault(new PayfipFault('TechProtocolaireErreur', 'X1', text, text, 3)));
    }
    try {
      send(res, 200, soapResponse(call.operation, answer(call, parts)));
    } catch (error) {
      if (!(error instanceof PayfipFault)) throw error;
      send(res, 500, soapFault(error));
    }
  });
  return router;
}
