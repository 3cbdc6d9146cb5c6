import { frenchDateTime, type ConventionEvidence, type ConventionSigningStep } from '@salle/contracts';
import { PdfWriter } from './pdf-writer';

export type { ConventionEvidence } from '@salle/contracts';

const NB = '\u00a0';

const STEP_TITLES: Record<ConventionSigningStep, string> = {
  organisation: 'Pour l’organisateur',
  establishment: 'Pour le collège',
  department: 'Pour le département',
};

const METHODS: Record<ConventionEvidence['signers'][number]['method'], string> = {
  franceconnect: 'signature électronique après connexion FranceConnect',
  proconnect: 'signature électronique après connexion ProConnect',
  standing_delegation: 'signature par délégation permanente du département, apposée automatiquement',
};

/**
 * The final document of a fully signed convention: the issued PDF, unchanged, followed by an evidence page
 * (signers, times, methods and assurance levels, the SHA-256 signed at each step). The `libs/pdf-seal` library
 * replaces this body with a PAdES seal over the same signature; the booking service calls only this function.
 */
export async function sealSignedConvention(pdf: Uint8Array, evidence: ConventionEvidence): Promise<Uint8Array> {
  const writer = await PdfWriter.appendTo(pdf);
  writer.heading('Preuve des signatures électroniques', 14);
  writer.paragraph(`Convention ${evidence.reference}, identifiant ${evidence.conventionId}.`);
  writer.paragraph(`Modèle de convention${NB}: version ${evidence.templateVersion}.`);
  writer.paragraph(`Empreinte SHA-256 du document présenté aux signataires${NB}:\n${evidence.documentSha256}`);
  writer.paragraph(
    `Consentement exprimé par chaque signataire (version ${evidence.consent.version})${NB}: «${NB}${evidence.consent.text}${NB}».`,
  );
  for (const signer of evidence.signers) {
    writer.heading(STEP_TITLES[signer.step]);
    writer.paragraph(`Signataire${NB}: ${signer.name}`);
    writer.paragraph(`Le ${frenchDateTime(signer.signedAt)} (${signer.signedAt})`);
    writer.paragraph(
      `Méthode${NB}: ${METHODS[signer.method]}${signer.assuranceLevel ? `, niveau ${signer.assuranceLevel}` : ''}.`,
    );
    writer.paragraph(`Empreinte SHA-256 du document signé${NB}:\n${signer.documentSha256}`);
  }
  writer.paragraph(`Signatures complètes le ${frenchDateTime(evidence.completedAt)}.`, { bold: true });
  return writer.save(
    (page, count) => `Convention ${evidence.reference} – preuve des signatures – page ${page}/${count}`,
  );
}
