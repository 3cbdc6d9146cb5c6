import { z } from 'zod';
import { createOrganisationSchema, fieldLabel, withFieldLabel } from './index';

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('validation messages', () => {
  it('are plain French for every kind of issue, whatever schema (importing the contracts sets them)', () => {
    const schema = z.strictObject({
      name: z.string().min(1),
      items: z.array(z.number()).max(1),
      capacity: z.number().int().min(2),
      email: z.email(),
      kind: z.enum(['gym', 'hall']),
    });
    expect(messages(schema, { name: '', items: [1, 2], capacity: 1.5, email: 'x', kind: 'pool', other: 1 })).toEqual([
      ['name', 'doit contenir au moins 1 caractère'],
      ['items', 'doit contenir au plus 1 élément'],
      ['capacity', 'doit être un nombre entier'],
      ['email', 'doit être une adresse e-mail valide (nom@exemple.fr)'],
      ['kind', 'doit être l’une de ces valeurs\u00a0: «\u00a0gym\u00a0», «\u00a0hall\u00a0»'],
      ['', 'information non prévue\u00a0: other'],
    ]);
    expect(messages(z.object({ name: z.string() }), {})).toEqual([['name', 'est obligatoire']]);
  });

  it('leave no English behind on the real request schemas', () => {
    const all = messages(createOrganisationSchema, { name: 42, rna: true, extra: [] }).map(([, m]) => m);
    expect(all.length).toBeGreaterThan(0);
    for (const message of all) expect(message).not.toMatch(/Invalid|expected|Too (small|big)|received/i);
  });

  it('name the field, once', () => {
    expect(withFieldLabel(['name'], 'doit contenir au moins 1 caractère')).toBe(
      'Le nom\u00a0: doit contenir au moins 1 caractère',
    );
    expect(withFieldLabel(['tariffs', 1, 'hourlyCents'], 'doit être au moins 0')).toBe(
      'Le tarif horaire\u00a0: doit être au moins 0',
    );
    expect(withFieldLabel(['endsAt'], 'la fin doit suivre le début')).toBe('la fin doit suivre le début');
    expect(withFieldLabel([], 'information non prévue\u00a0: x')).toBe('information non prévue\u00a0: x');
    expect(fieldLabel(['shelfCode'])).toBe('Le champ «\u00a0shelfCode\u00a0»');
    expect(fieldLabel('equipment.1'.split('.'))).toBe('Les équipements');
  });
});
