import type { ConventionTemplate } from '@salle/contracts';

// The template shipped with the product (version 0), for a believable département: the clauses found in real
// model conventions (Code de l'éducation L.213-2-2, CGPPP L.2125-1). Each département replaces them with its own
// from the back office; every clause is editable. Texts use no-break spaces before « : ; ! ? ».

const NB = '\u00a0';

export const DEFAULT_CONVENTION_TEMPLATE: ConventionTemplate = {
  departmentName: 'Département de l’Isère',
  departmentRepresentative: `Le Président du Conseil départemental, agissant en vertu d’une délibération de la Commission permanente, ou son délégataire`,
  legalBasis: [
    `Vu le Code de l’éducation, notamment son article L.213-2-2${NB};`,
    `Vu le Code général de la propriété des personnes publiques, notamment son article L.2125-1${NB};`,
    `Vu le Code général des collectivités territoriales${NB};`,
    `Vu la délibération de la Commission permanente fixant les conditions d’utilisation des locaux des collèges en dehors du temps scolaire${NB};`,
    `Vu l’avis du conseil d’administration du collège.`,
  ].join('\n'),
  clauses: [
    {
      title: 'Objet',
      text: `La présente convention fixe les conditions dans lesquelles l’organisateur utilise les locaux et équipements désignés ci-dessous, en dehors des heures et périodes où ils servent à la formation initiale et continue.`,
    },
    {
      title: 'Activités',
      text: `Les locaux sont mis à disposition pour l’activité décrite ci-dessus, compatible avec la nature des installations et l’aménagement des locaux. L’organisateur s’engage à respecter les principes de neutralité et de laïcité${NB}: toute activité politique, cultuelle ou commerciale y est exclue.`,
    },
    {
      title: 'Sécurité',
      text: `Avant la première utilisation, l’organisateur prend connaissance des consignes de sécurité, repère les issues de secours, les alarmes et les extincteurs. Pendant l’utilisation, il assure la surveillance des locaux et de leurs accès, contrôle les entrées et sorties, et veille au respect de la capacité maximale indiquée. Il signale sans délai tout incident au chef d’établissement.`,
    },
    {
      title: 'Assurance et responsabilité',
      text: `L’organisateur est responsable des dommages causés aux personnes, aux locaux et aux équipements pendant l’utilisation. Il justifie d’une assurance couvrant sa responsabilité civile pour toute la durée de la convention${NB}; l’attestation déposée est mentionnée ci-dessus.`,
    },
    {
      title: 'Conditions financières',
      text: `L’utilisation donne lieu au versement de la redevance indiquée ci-dessus, calculée selon les tarifs adoptés par le Département. Elle peut être gratuite pour les associations à but non lucratif concourant à la satisfaction d’un intérêt général (article L.2125-1 du Code général de la propriété des personnes publiques).`,
    },
    {
      title: 'Propreté et état des lieux',
      text: `L’organisateur rend les locaux et leurs accès dans l’état où il les a trouvés, rangés et nettoyés. Toute dégradation ou perte est réparée ou remboursée à ses frais. Un état des lieux peut être dressé avant et après l’utilisation.`,
    },
    {
      title: 'Clés et accès',
      text: `Les conditions de remise et de restitution des clés ou badges, la procédure d’alarme et le contact sur place figurent en annexe. Les clés ne peuvent être ni dupliquées ni confiées à un tiers.`,
    },
    {
      title: 'Incessibilité',
      text: `L’autorisation est personnelle${NB}: l’organisateur ne peut la céder, ni sous-louer ou prêter les locaux.`,
    },
    {
      title: 'Précarité et résiliation',
      text: `L’autorisation est précaire et révocable à tout moment pour un motif d’intérêt général ou de bon fonctionnement du service public, sans indemnité. Le Département ou le chef d’établissement peut y mettre fin pour un motif grave, notamment d’ordre public, par lettre recommandée. L’organisateur peut y renoncer en cas de force majeure, en prévenant au moins cinq jours francs à l’avance.`,
    },
    {
      title: 'Règlement intérieur',
      text: `L’organisateur respecte le règlement d’utilisation des locaux annexé à la présente convention.`,
    },
  ],
  rules: [
    `Les locaux sont utilisés aux seuls horaires indiqués au calendrier.`,
    `Il est interdit de fumer et de vapoter dans l’enceinte du collège.`,
    `Les animaux ne sont pas admis, sauf les chiens d’assistance.`,
    `Le matériel du collège n’est utilisé qu’avec l’accord du chef d’établissement.`,
    `Les issues de secours restent dégagées en permanence.`,
  ].join('\n'),
};
