export {
  canonicalFranceConnectClaims,
  franceconnectIdentities,
  type FranceConnectClaims,
  type FranceConnectIdentity,
} from './franceconnect-identities';
export {
  departementLabel,
  departementSiret,
  proconnectAgents,
  sandboxColleges,
  sandboxIdpId,
  type AgentRole,
  type ProConnectAgent,
  type ProConnectClaims,
  type SandboxCollege,
} from './proconnect-agents';
export { faultAccountId, faultIdentities } from './fault-identities';
export { stableUuid, type FederationName, type LoginRefusal, type SandboxIdentity } from './sandbox-identity';
