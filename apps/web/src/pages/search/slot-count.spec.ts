import { MAX_SLOTS_PER_SPACE } from '@salle/contracts';
import { moreSlotsLabel } from './slot-count';

describe('moreSlotsLabel', () => {
  it('says nothing when every slot is shown', () => {
    expect(moreSlotsLabel(3, 4)).toBe('');
    expect(moreSlotsLabel(4, 4)).toBe('');
  });

  it('gives the exact count below the cap of the search', () => {
    expect(moreSlotsLabel(7, 4)).toBe(' (7 créneaux libres)');
  });

  it('says "at least" at the cap, where more may exist', () => {
    expect(MAX_SLOTS_PER_SPACE).toBe(10);
    expect(moreSlotsLabel(10, 4)).toBe(' (au moins 10 créneaux libres)');
  });
});
