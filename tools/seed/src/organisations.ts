import type { CollegeSource } from './catalogue';
import { isereRna, syntheticSiren } from './identifiers';
import type { Prng } from './prng';
import type { MembershipRow, OrganisationRow, RenterCategory, SpaceKind } from './seed-model';

/** An organisation with what the booking generator needs to make its bookings believable. */
export interface SeededOrganisation {
  row: OrganisationRow;
  /** Account ids of its members (synthetic: the gateway has no such accounts). */
  members: string[];
  latitude: number;
  longitude: number;
  /** The kinds of space it rents, most wanted first. */
  wants: SpaceKind[];
  /** What it does there, for the booking's purpose. */
  purposes: string[];
}

/** "de Grenoble", "d'Échirolles", "du Pont-de-Claix", "des Avenières". */
export function ofCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (commune.startsWith('La ')) return `de La ${commune.slice(3)}`;
  if (commune.startsWith("L'")) return `de L'${commune.slice(2)}`;
  return /^[AEIOUYÉÈÊÂÎ]/i.test(commune) ? `d'${commune}` : `de ${commune}`;
}

interface AssociationKind {
  name: (commune: string) => string;
  wants: SpaceKind[];
  purposes: string[];
}

const ASSOCIATIONS: AssociationKind[] = [
  {
    name: (c) => `Basket Club ${ofCommune(c)}`,
    wants: ['gymnasium'],
    purposes: ['Entraînement des U13', 'Entraînement seniors', 'Match de championnat départemental'],
  },
  {
    name: (c) => `Handball Club ${ofCommune(c)}`,
    wants: ['gymnasium'],
    purposes: ['Entraînement des moins de 15 ans', 'Entraînement loisirs'],
  },
  { name: (c) => `Volley-Ball ${c}`, wants: ['gymnasium'], purposes: ['Volley loisir', 'Entraînement compétition'] },
  {
    name: (c) => `Judo Club ${ofCommune(c)}`,
    wants: ['gymnasium', 'multipurpose_hall'],
    purposes: ['Cours de judo enfants', 'Cours de jujitsu adultes'],
  },
  { name: (c) => `Badminton ${c}`, wants: ['gymnasium'], purposes: ['Créneau badminton loisir', 'Tournoi interne'] },
  { name: (c) => `Futsal ${c}`, wants: ['gymnasium'], purposes: ['Entraînement futsal'] },
  {
    name: (c) => `Gymnastique volontaire ${ofCommune(c)}`,
    wants: ['multipurpose_hall', 'gymnasium'],
    purposes: ['Gym douce', 'Renforcement musculaire', 'Pilates'],
  },
  { name: (c) => `Yoga ${c}`, wants: ['multipurpose_hall'], purposes: ['Cours de yoga', 'Atelier méditation'] },
  {
    name: (c) => `Danse et Rythmes ${ofCommune(c)}`,
    wants: ['multipurpose_hall'],
    purposes: ['Cours de danse contemporaine', 'Répétition du gala'],
  },
  {
    name: (c) => `Chorale ${ofCommune(c)}`,
    wants: ['multipurpose_hall', 'auditorium'],
    purposes: ['Répétition de la chorale', 'Concert de printemps'],
  },
  {
    name: (c) => `Harmonie ${ofCommune(c)}`,
    wants: ['auditorium', 'multipurpose_hall'],
    purposes: ['Répétition de l’harmonie', 'Concert de Noël'],
  },
  {
    name: (c) => `Compagnie théâtrale ${ofCommune(c)}`,
    wants: ['auditorium', 'multipurpose_hall'],
    purposes: ['Répétition', 'Représentation'],
  },
  {
    name: (c) => `Club d’échecs ${ofCommune(c)}`,
    wants: ['classroom', 'meeting_room'],
    purposes: ['Soirée parties libres', 'Cours d’échecs débutants'],
  },
  {
    name: (c) => `Université populaire ${ofCommune(c)}`,
    wants: ['classroom', 'auditorium'],
    purposes: ['Cours d’histoire de l’art', 'Conférence', 'Atelier d’écriture'],
  },
  {
    name: (c) => `Soutien scolaire ${c}`,
    wants: ['classroom'],
    purposes: ['Aide aux devoirs', 'Accompagnement scolaire'],
  },
  {
    name: (c) => `Amicale laïque ${ofCommune(c)}`,
    wants: ['multipurpose_hall', 'classroom'],
    purposes: ['Assemblée générale', 'Atelier couture', 'Loto'],
  },
  {
    name: (c) => `Comité des fêtes ${ofCommune(c)}`,
    wants: ['multipurpose_hall'],
    purposes: ['Réunion de préparation', 'Soirée dansante'],
  },
  {
    name: (c) => `Club photo ${ofCommune(c)}`,
    wants: ['classroom', 'meeting_room'],
    purposes: ['Réunion mensuelle', 'Atelier retouche'],
  },
  { name: (c) => `Escalade ${c}`, wants: ['gymnasium'], purposes: ['Séance d’escalade sur mur'] },
  { name: (c) => `Tennis de table ${c}`, wants: ['gymnasium'], purposes: ['Entraînement tennis de table'] },
  {
    name: (c) => `Langues et Cultures ${ofCommune(c)}`,
    wants: ['classroom'],
    purposes: ['Cours d’italien', 'Cours d’anglais adultes', 'Conversation en espagnol'],
  },
  {
    name: (c) => `Colonies des Alpes ${ofCommune(c)}`,
    wants: ['boarding', 'multipurpose_hall'],
    purposes: ['Séjour de vacances', 'Stage sportif'],
  },
];

const INSURERS = ['MAIF', 'MACIF', 'MMA', 'Groupama', 'AXA', 'Allianz', 'SMACL'];

const distance = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) =>
  Math.hypot((a.latitude - b.latitude) * 111, (a.longitude - b.longitude) * 78);

export interface OrganisationContext {
  createdAt: Date;
  /** Insurance of verified organisations runs at least to this date. */
  insuredUntil: string;
}

/**
 * Fifty organisations of Isère: mostly associations named after their
 * commune, a few communes, training organisations and companies; most
 * verified by the département, some pending, two rejected.
 */
export function generateOrganisations(
  colleges: readonly CollegeSource[],
  count: number,
  prng: Prng,
  context: OrganisationContext,
): { organisations: SeededOrganisation[]; memberships: MembershipRow[] } {
  const organisations: SeededOrganisation[] = [];
  const memberships: MembershipRow[] = [];
  const usedNames = new Set<string>();
  const usedRna = new Set<string>();
  const communes = colleges.length;
  const kinds: RenterCategory[] = Array.from({ length: count }, (_, index) => {
    if (index % 10 === 3) return 'commune';
    if (index % 17 === 5) return 'training_organisation';
    if (index % 25 === 11) return 'company';
    return 'association';
  });
  let sirenSerial = 1000;
  // Association kinds are dealt like cards, so that no kind of club repeats more than needed.
  const deck = prng.fork('association-kinds').shuffle(ASSOCIATIONS);
  let dealt = 0;

  for (let index = 0; index < count; index += 1) {
    const random = prng.fork(`organisation:${index}`);
    const kind = kinds[index] as RenterCategory;
    const home = colleges[random.int(0, communes - 1)] as CollegeSource;
    let name = '';
    let wants: SpaceKind[] = [];
    let purposes: string[] = [];
    for (let attempt = 0; attempt < 20 && (name === '' || usedNames.has(name)); attempt += 1) {
      const place = attempt === 0 ? home : (colleges[random.int(0, communes - 1)] as CollegeSource);
      if (kind === 'association') {
        const template = deck[dealt % deck.length] as AssociationKind;
        dealt += 1;
        name = template.name(place.commune);
        wants = template.wants;
        purposes = template.purposes;
      } else if (kind === 'commune') {
        name = `Commune ${ofCommune(place.commune)}`;
        wants = ['multipurpose_hall', 'gymnasium', 'auditorium'];
        purposes = ['Accueil de loisirs', 'Réunion publique', 'Conseil municipal des jeunes', 'Forum des associations'];
      } else if (kind === 'training_organisation') {
        name = random.pick([
          'Formation Alpes Dauphiné',
          'Institut de formation du Vercors',
          'Compétences Isère Formation',
          'Atelier Pro Grésivaudan',
        ]);
        wants = ['classroom', 'meeting_room'];
        purposes = ['Formation premiers secours (PSC1)', 'Formation bureautique', 'Préparation au concours'];
      } else {
        name = random.pick(['Dauphiné Séminaires SARL', 'Alpes Événements SAS', 'Chartreuse Conseil SARL']);
        wants = ['auditorium', 'meeting_room', 'multipurpose_hall'];
        purposes = ['Séminaire d’équipe', 'Réunion d’information'];
      }
    }
    usedNames.add(name);
    let rna: string | null = null;
    if (kind === 'association') {
      do rna = isereRna(random);
      while (usedRna.has(rna));
      usedRna.add(rna);
    }
    const status = index === 14 || index === 40 ? 'rejected' : index % 7 === 6 ? 'pending' : 'verified';
    const declaredAt = new Date(context.createdAt.getTime() + random.int(1, 60) * 86_400_000);
    const row: OrganisationRow = {
      id: random.uuid(),
      name,
      kind,
      rna,
      siren: kind === 'association' ? null : syntheticSiren((sirenSerial += 1)),
      address: kind === 'commune' ? 'Hôtel de ville' : 'Maison des associations',
      postal_code: home.postalCode,
      commune_name: home.commune,
      eligibility_declared_at: declaredAt,
      republican_contract_acknowledged: true,
      insurance_reference: `${random.pick(INSURERS)} ${random.int(100_000, 9_999_999)}`,
      insurance_expires_on: context.insuredUntil,
      status,
      rejection_reason:
        status === 'rejected'
          ? 'L’attestation d’assurance fournie ne couvre pas la responsabilité civile de l’organisateur.'
          : null,
      ics_token: random.hex(64),
      created_at: declaredAt,
      updated_at: declaredAt,
    };
    const members = Array.from({ length: random.int(1, 3) }, () => random.uuid());
    members.forEach((accountId, position) =>
      memberships.push({
        account_id: accountId,
        organisation_id: row.id,
        role: position === 0 ? 'owner' : 'member',
        created_at: declaredAt,
      }),
    );
    organisations.push({ row, members, latitude: home.latitude, longitude: home.longitude, wants, purposes });
  }
  return { organisations, memberships };
}

/** Verified organisations that may rent `kind` for `category`, nearest first (a club books near home). */
export function candidatesFor(
  organisations: readonly SeededOrganisation[],
  place: { latitude: number; longitude: number },
  kind: SpaceKind,
  categories: readonly RenterCategory[],
): SeededOrganisation[] {
  const admitted = organisations
    .filter((organisation) => organisation.row.status === 'verified' && categories.includes(organisation.row.kind))
    .map((organisation) => ({ organisation, km: distance(organisation, place) }))
    .sort((a, b) => a.km - b.km || a.organisation.row.name.localeCompare(b.organisation.row.name));
  const wanting = admitted.filter((candidate) => candidate.organisation.wants.includes(kind));
  const near = wanting.filter((candidate) => candidate.km < 25);
  // Rural collèges far from every club still get a few renters: the nearest ones.
  const chosen = near.length > 0 ? near : wanting.length > 0 ? wanting.slice(0, 3) : admitted.slice(0, 3);
  return chosen.map((candidate) => candidate.organisation);
}
