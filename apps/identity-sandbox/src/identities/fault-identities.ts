import { faultCatalogue, faultNames, type FaultName } from '../faults/fault-catalogue';
import { canonicalFranceConnectClaims } from './franceconnect-identities';
import { proconnectAgents } from './proconnect-agents';
import { stableUuid, type FederationName, type SandboxIdentity } from './sandbox-identity';

/** The login key of a fault identity on FranceConnect (ProConnect uses a UUID, as its `sub`s are UUIDs). */
export function faultAccountId(federation: FederationName, fault: FaultName): string {
  return federation === 'franceconnect' ? `panne_${fault}` : stableUuid(`identity-sandbox:proconnect:fault:${fault}`);
}

/**
 * One identity per fault. Claims are those of an identity that logs in
 * fine (FranceConnect's canonical user, ProConnect's first collège manager),
 * so a relying party fails for the fault alone.
 */
export function faultIdentities(federation: FederationName): SandboxIdentity[] {
  const [referenceAgent] = proconnectAgents;
  if (!referenceAgent) throw new Error('no ProConnect agent to copy claims from');
  return faultNames.map((fault) => ({
    accountId: faultAccountId(federation, fault),
    label: faultCatalogue[fault].label,
    description: `Panne « ${fault} » (cas négatifs ${faultCatalogue[fault].cases.join(', ')} des notes FranceConnect).`,
    group: 'fault',
    fault,
    claims:
      federation === 'franceconnect'
        ? canonicalFranceConnectClaims
        : { ...referenceAgent.claims, uid: `panne-${fault}` },
  }));
}
