/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { meFor, renderScreen } from '../testing/render-screen';
import { AccessInstructionsEditor, AccessInstructionsFacts } from './access-instructions';

const SPACE = '55555555-5555-4555-8555-555555555555';
const written = {
  spaceId: SPACE,
  keys: 'Badge à la loge,\nà rendre le lundi.',
  alarm: '',
  caretakerContact: 'M. Girard : 06 12 34 56 78',
  updatedAt: '2026-12-06T10:00:00.000Z',
};
const replaced: unknown[] = [];

jest.mock('../api/booking-api', () => ({
  bookingApi: {
    accessInstructions: async (id: string) =>
      id === SPACE ? written : { spaceId: id, keys: '', alarm: '', caretakerContact: '', updatedAt: null },
    replaceAccessInstructions: async (id: string, body: unknown) => {
      replaced.push({ id, body });
      return { spaceId: id, ...(body as object), updatedAt: '2026-12-06T11:00:00.000Z' };
    },
  },
}));

describe('AccessInstructionsFacts', () => {
  it('shows what the collège wrote, leaving out the empty parts', async () => {
    renderScreen(<AccessInstructionsFacts spaceId={SPACE} />, meFor());
    expect(await screen.findByText('Clés ou badge')).toBeTruthy();
    expect(screen.getByText(/Badge à la loge/).textContent).toBe(written.keys);
    expect(screen.getByText('Contact sur place')).toBeTruthy();
    expect(screen.queryByText('Alarme')).toBeNull();
  });

  it('tells the organisation to call the collège when nothing is written', async () => {
    renderScreen(<AccessInstructionsFacts spaceId="other" />, meFor());
    expect(await screen.findByText(/pas encore indiqué de consignes d’accès/)).toBeTruthy();
  });
});

describe('AccessInstructionsEditor', () => {
  it('saves the three texts and says so', async () => {
    renderScreen(<AccessInstructionsEditor spaceId={SPACE} />, meFor());
    const alarm = await screen.findByLabelText(/^Alarme/);
    fireEvent.change(alarm, { target: { value: 'Code donné par le gardien.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les consignes d’accès' }));
    expect(await screen.findByText('Consignes d’accès enregistrées.')).toBeTruthy();
    expect(replaced).toEqual([
      {
        id: SPACE,
        body: { keys: written.keys, alarm: 'Code donné par le gardien.', caretakerContact: written.caretakerContact },
      },
    ]);
  });
});
