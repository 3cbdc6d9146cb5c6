import type { AccessibilityAssessment, SiteConfig } from './site-config';

// The site configuration's values the web app's first page needs, without its schema (./site-config.ts, on
// zod/mini, read by the gateway): the neutral defaults and the RGAA status of a self-assessment.

const TO_COMPLETE = 'à renseigner par le département';

/** Neutral defaults, with no State symbol: every legal field says it is still to be filled. */
export const DEFAULT_SITE_CONFIG: SiteConfig = {
  departmentName: 'Département',
  serviceTitle: 'Salle sur demande',
  serviceTagline: 'Les salles des collèges ouvertes aux associations',
  logo: null,
  contactEmail: 'contact@departement.example',
  map: null,
  legal: {
    notice: {
      publisher: {
        name: 'Le département',
        address: TO_COMPLETE,
        phone: TO_COMPLETE,
        email: 'contact@departement.example',
      },
      publicationDirector: TO_COMPLETE,
      host: { name: TO_COMPLETE, address: TO_COMPLETE, phone: TO_COMPLETE },
    },
    personalData: {
      controller: 'Le département',
      dpoContact: TO_COMPLETE,
      rightsContact: TO_COMPLETE,
    },
    accessibility: {
      assessmentDate: '2026-01-01',
      assessedBy: TO_COMPLETE,
      rgaaVersion: '4.1.2',
      applicableCriteria: 106,
      compliantCriteria: 0,
      nonCompliances: [],
      derogations: [],
      contact: TO_COMPLETE,
      statementDate: '2026-01-01',
    },
  },
};

export type AccessibilityConformity = 'non conforme' | 'partiellement conforme' | 'totalement conforme';

/** The RGAA status of a self-assessment: all criteria met, at least half, or less. */
export function accessibilityConformity(assessment: AccessibilityAssessment): {
  status: AccessibilityConformity;
  ratePercent: number;
} {
  const rate = assessment.compliantCriteria / assessment.applicableCriteria;
  const status = rate === 1 ? 'totalement conforme' : rate >= 0.5 ? 'partiellement conforme' : 'non conforme';
  return { status, ratePercent: Math.floor(rate * 1000) / 10 };
}
