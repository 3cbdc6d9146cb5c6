import { MAX_SLOTS_PER_SPACE } from '@salle/contracts/browser';

/**
 * How many free slots a result card announces beyond those it shows. The
 * search returns at most MAX_SLOTS_PER_SPACE per space, so at that count there
 * may be more: saying "10 créneaux trouvés" would be false.
 */
export function moreSlotsLabel(count: number, shown: number): string {
  if (count <= shown) return '';
  return count >= MAX_SLOTS_PER_SPACE
    ? ` (au moins ${MAX_SLOTS_PER_SPACE} créneaux libres)`
    : ` (${count} créneaux libres)`;
}
