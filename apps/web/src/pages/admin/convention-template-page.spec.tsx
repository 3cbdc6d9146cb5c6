/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../../testing/render-screen';
import { ConventionTemplatePage } from './convention-template-page';

const template = {
  departmentName: 'Département de l’Isère',
  departmentRepresentative: 'Le Président du Conseil départemental',
  legalBasis: 'Vu le Code de l’éducation',
  clauses: [
    { title: 'Objet', text: 'La présente convention…' },
    { title: 'Sécurité', text: 'L’organisateur…' },
  ],
  rules: 'Interdit de fumer.',
  version: 0,
  createdAt: null,
};
const saved: unknown[] = [];

jest.mock('../../api/booking-api', () => ({
  bookingApi: {
    conventionTemplate: async () => template,
    replaceConventionTemplate: async (body: Record<string, unknown>) => {
      saved.push(body);
      return { ...body, version: 1, createdAt: '2026-12-06T14:00:00.000Z' };
    },
  },
}));

describe('ConventionTemplatePage', () => {
  it('edits, removes and adds articles, and saves a new version without its version fields', async () => {
    renderScreen(<ConventionTemplatePage />, meFor({ roles: ['department_admin'] }));
    expect(await screen.findByText(/le modèle fourni avec le logiciel/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retirer l’article 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un article' }));
    const titles = screen.getAllByLabelText('Titre');
    const texts = screen.getAllByLabelText('Texte');
    fireEvent.change(titles[1] as HTMLElement, { target: { value: 'Stationnement' } });
    fireEvent.change(texts[1] as HTMLElement, { target: { value: 'Le parking reste fermé.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer une nouvelle version' }));
    expect(await screen.findByText(/Version en vigueur : 1/)).toBeTruthy();
    expect(screen.getByText('Nouvelle version enregistrée.')).toBeTruthy();
    expect(saved).toEqual([
      {
        departmentName: template.departmentName,
        departmentRepresentative: template.departmentRepresentative,
        legalBasis: template.legalBasis,
        clauses: [template.clauses[1], { title: 'Stationnement', text: 'Le parking reste fermé.' }],
        rules: template.rules,
      },
    ]);
  });
});
