import { syntheticSiret as sandboxSiret } from '@salle/french-identifiers';
import { stableUuid, type SandboxIdentity } from './sandbox-identity';

/** Userinfo claims as ProConnect returns them for a public agent; see docs/federations.md. */
export type ProConnectClaims = {
  given_name: string;
  usual_name: string;
  email: string;
  /** The agent's id at its own identity provider. */
  uid: string;
  siret: string;
  organization_label: string;
  idp_id: string;
  roles: readonly string[];
  phone_number?: string;
};

export type AgentRole = 'establishment-manager' | 'department-admin' | 'other-agent';

export interface ProConnectAgent extends SandboxIdentity {
  readonly claims: Readonly<ProConnectClaims>;
  readonly role: AgentRole;
  /** The collège the agent manages (establishment managers only). */
  readonly uai?: string;
}

/**
 * Collèges from tools/seed/data/isere-colleges.csv (real UAI, name and
 * commune) given invented SIRETs: see `sandboxSiret`. The booking seed should
 * store exactly these SIRETs for these UAIs so that agent logins match.
 */
export const sandboxColleges = [
  { uai: '0382111N', name: 'Collège Champollion', commune: 'Grenoble' },
  { uai: '0381604M', name: 'Collège Vercors', commune: 'Grenoble' },
  { uai: '0380002W', name: 'Collège Flavius Vaussenat', commune: 'Allevard' },
  { uai: '0382101C', name: 'Collège Jacques Brel', commune: 'Beaurepaire' },
  { uai: '0382430K', name: "Collège de L'Isle", commune: 'Vienne' },
].map((college) => ({ ...college, siret: sandboxSiret(college.uai.slice(0, 7)) }));

export type SandboxCollege = (typeof sandboxColleges)[number];

/** The département's invented SIRET (seed: its INSEE code 38). */
export const departementSiret = sandboxSiret('38');
export const departementLabel = "Département de l'Isère";

/** The sandbox's only identity provider behind ProConnect (an invented id). */
export const sandboxIdpId = stableUuid('identity-sandbox:proconnect:idp');

function college(uai: string): SandboxCollege {
  const found = sandboxColleges.find((candidate) => candidate.uai === uai);
  if (!found) throw new Error(`unknown sandbox collège ${uai}`);
  return found;
}

function agent(
  accountKey: string,
  role: AgentRole,
  given: string,
  usual: string,
  organisation: { siret: string; label: string; uai?: string },
  description: string,
): ProConnectAgent {
  const emailLocal = `${given}.${usual}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z.-]/g, '-');
  return {
    // ProConnect's `sub` is a UUID per account; stable here so local accounts survive restarts.
    accountId: stableUuid(`identity-sandbox:proconnect:${accountKey}`),
    label: `${given} ${usual.toUpperCase()} — ${organisation.label}`,
    description,
    group: role === 'department-admin' ? 'department' : role === 'other-agent' ? 'other' : 'establishment',
    role,
    uai: organisation.uai,
    claims: {
      given_name: given,
      usual_name: usual.toUpperCase(),
      email: `${emailLocal}@agents.sandbox.test`,
      uid: accountKey,
      siret: organisation.siret,
      organization_label: organisation.label,
      idp_id: sandboxIdpId,
      roles:
        role === 'department-admin'
          ? ['agent_public', 'agent_public_territorial']
          : ['agent_public', 'agent_public_etat'],
    },
  };
}

function atCollege(uai: string) {
  const found = college(uai);
  return { siret: found.siret, label: `${found.name} (${found.commune})`, uai };
}

const departement = { siret: departementSiret, label: departementLabel };

/** ProConnect test agents: collège managers (SIRET of a seeded collège), département admins, and one outsider. */
export const proconnectAgents: readonly ProConnectAgent[] = [
  agent(
    'claire.martin',
    'establishment-manager',
    'Claire',
    'Martin',
    atCollege('0382111N'),
    'Principale du collège Champollion.',
  ),
  agent(
    'yannick.perrin',
    'establishment-manager',
    'Yannick',
    'Perrin',
    atCollege('0382111N'),
    'Gestionnaire du collège Champollion (deuxième agent du même SIRET).',
  ),
  agent(
    'sophie.petit',
    'establishment-manager',
    'Sophie',
    'Petit',
    atCollege('0381604M'),
    'Principale du collège Vercors.',
  ),
  agent(
    'julien.bernard',
    'establishment-manager',
    'Julien',
    'Bernard',
    atCollege('0380002W'),
    'Gestionnaire du collège Flavius Vaussenat.',
  ),
  agent(
    'ines.lambert',
    'establishment-manager',
    'Inès',
    'Lambert',
    atCollege('0382101C'),
    'Principale du collège Jacques Brel.',
  ),
  agent(
    'karim.haddad',
    'establishment-manager',
    'Karim',
    'Haddad',
    atCollege('0382430K'),
    "Gestionnaire du collège de L'Isle.",
  ),
  agent(
    'nathalie.roux',
    'department-admin',
    'Nathalie',
    'Roux',
    departement,
    'Administratrice départementale (direction de l’éducation).',
  ),
  agent(
    'thomas.girard',
    'department-admin',
    'Thomas',
    'Girard',
    departement,
    'Administrateur départemental (patrimoine des collèges).',
  ),
  agent(
    'eric.fabre',
    'other-agent',
    'Éric',
    'Fabre',
    { siret: sandboxSiret('99999999'), label: 'Administration sans collège' },
    'Agent public dont le SIRET ne correspond à aucun collège ni au département : le service doit refuser.',
  ),
];
