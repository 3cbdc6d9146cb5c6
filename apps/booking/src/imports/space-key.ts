import type { EntityManager } from 'typeorm';
import type { CsvLineError } from '@salle/contracts';
import { validateUai } from '@salle/french-identifiers';
import type { Access } from '../access/access';
import type { RowReader } from './row-reader';

/** The columns that name a space in the opening rules and tariffs files: its id, or its collège's UAI and its name. */
export const SPACE_KEY_COLUMNS = ['espace_id', 'uai', 'espace'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How one line names its space (checked against the stored spaces by `SpaceResolver`). */
export interface SpaceKey {
  spaceId?: string;
  uai?: string;
  name?: string;
}

export function readSpaceKey(reader: RowReader): SpaceKey | undefined {
  const spaceId = reader.matching('espace_id', UUID, 'identifiant d’espace attendu (tel qu’exporté)');
  const uai = reader.identifier('uai', validateUai);
  const name = reader.text('espace', { max: 200 });
  if (spaceId === undefined && (uai === undefined || name === undefined)) {
    return reader.fail('espace', 'indiquez l’identifiant de l’espace (espace_id), ou le code UAI du collège et le nom');
  }
  return { spaceId: spaceId?.toLowerCase(), uai, name };
}

/** A stored space as the files name it. */
export interface KeyedSpace {
  id: string;
  establishmentId: string;
  uai: string;
  name: string;
}

export const spaceKeyCells = (space: KeyedSpace) => [space.id, space.uai, space.name];

/** The spaces the caller may export: every space for admins, their collèges' for managers. */
export function managedSpacesFilter(access: Access): { where: string; params: unknown[] } {
  access.requireSomeManagement();
  return access.isAdmin
    ? { where: 'TRUE', params: [] }
    : { where: 's.establishment_id = ANY($1::uuid[])', params: [access.establishmentIds] };
}

/**
 * Finds the space each line names, reporting per line a space that does not
 * exist, a name that several spaces of the collège share, an id that
 * contradicts the UAI and name written beside it, and a space of a collège
 * the caller does not manage.
 */
export class SpaceResolver {
  private readonly byId = new Map<string, KeyedSpace>();
  private readonly byName = new Map<string, KeyedSpace[]>();

  private constructor(
    spaces: KeyedSpace[],
    private readonly access: Access,
  ) {
    for (const space of spaces) {
      this.byId.set(space.id, space);
      const key = `${space.uai}\u0000${space.name}`;
      this.byName.set(key, [...(this.byName.get(key) ?? []), space]);
    }
  }

  static async load(manager: EntityManager, keys: SpaceKey[], access: Access): Promise<SpaceResolver> {
    const ids = keys.flatMap((key) => (key.spaceId ? [key.spaceId] : []));
    const uais = keys.flatMap((key) => (key.uai ? [key.uai] : []));
    const spaces = (await manager.query(
      `SELECT s.id, s.establishment_id AS "establishmentId", e.uai, s.name
       FROM booking.space s JOIN booking.establishment e ON e.id = s.establishment_id
       WHERE s.id = ANY($1::uuid[]) OR e.uai = ANY($2::text[])`,
      [ids, uais],
    )) as KeyedSpace[];
    return new SpaceResolver(spaces, access);
  }

  resolve(line: number, key: SpaceKey, errors: CsvLineError[]): KeyedSpace | undefined {
    const fail = (field: string, message: string) => {
      errors.push({ line, field, message });
      return undefined;
    };
    const space = key.spaceId ? this.byId.get(key.spaceId) : this.byUaiAndName(key);
    if (key.spaceId && !space) return fail('espace_id', 'aucun espace n’a cet identifiant');
    if (!space) {
      const count = this.byName.get(`${key.uai}\u0000${key.name}`)?.length ?? 0;
      return count > 1
        ? fail('espace', 'plusieurs espaces de ce collège portent ce nom\u00a0: indiquez leur identifiant (espace_id)')
        : fail('espace', 'aucun espace de ce nom dans le collège de ce code UAI');
    }
    if ((key.uai !== undefined && key.uai !== space.uai) || (key.name !== undefined && key.name !== space.name)) {
      return fail(
        'espace_id',
        `cet identifiant est celui de l’espace «\u00a0${space.name}\u00a0» du collège ${space.uai}, pas celui indiqué sur la ligne`,
      );
    }
    if (!this.access.managesEstablishment(space.establishmentId))
      return fail('uai', 'vous ne gérez pas le collège de cet espace');
    return space;
  }

  private byUaiAndName(key: SpaceKey): KeyedSpace | undefined {
    const matches = this.byName.get(`${key.uai}\u0000${key.name}`) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  }
}
