import type { DataSource } from 'typeorm';
import type { SpaceAccessInstructions, SpaceAccessInstructionsView } from '@salle/contracts';
import type { Access } from '../access/access';
import { SpaceAccessInstructionsEntity, SpaceEntity } from '../database/entities';
import { spaceNotFound } from '../errors';

const EMPTY = { keys: '', alarm: '', caretakerContact: '' };

function toView(spaceId: string, entity: SpaceAccessInstructionsEntity | null): SpaceAccessInstructionsView {
  if (!entity) return { spaceId, ...EMPTY, updatedAt: null };
  const { keys, alarm, caretakerContact, updatedAt } = entity;
  return { spaceId, keys, alarm, caretakerContact, updatedAt: updatedAt.toISOString() };
}

/**
 * How an organisation gets into a space. Its collège's managers write them; besides them and the admins, only
 * members of an organisation with a confirmed booking of the space read them. Anyone else gets the same 404 as
 * for a space that does not exist, so the existence of instructions leaks nothing.
 */
export class SpaceAccessInstructionsBook {
  constructor(private readonly dataSource: DataSource) {}

  async read(spaceId: string, access: Access): Promise<SpaceAccessInstructionsView> {
    access.requireCaller();
    const space = await this.dataSource.getRepository(SpaceEntity).findOneBy({ id: spaceId });
    if (!space) throw spaceNotFound();
    if (!access.managesEstablishment(space.establishmentId) && !(await this.hostsConfirmed(spaceId, access))) {
      throw spaceNotFound();
    }
    return toView(spaceId, await this.dataSource.getRepository(SpaceAccessInstructionsEntity).findOneBy({ spaceId }));
  }

  async replace(
    spaceId: string,
    instructions: SpaceAccessInstructions,
    access: Access,
  ): Promise<SpaceAccessInstructionsView> {
    const caller = access.requireCaller();
    return this.dataSource.transaction(async (manager) => {
      const space = await manager.findOneBy(SpaceEntity, { id: spaceId });
      if (!space) throw spaceNotFound();
      access.requireManagerOf(space.establishmentId);
      const saved = await manager.save(
        manager.create(SpaceAccessInstructionsEntity, {
          spaceId,
          ...instructions,
          updatedBy: caller.accountId,
          updatedAt: new Date(),
        }),
      );
      return toView(spaceId, saved);
    });
  }

  /** Whether one of the caller's organisations has a confirmed booking of the space. */
  private async hostsConfirmed(spaceId: string, access: Access): Promise<boolean> {
    if (access.organisationIds.length === 0) return false;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM booking.booking
        WHERE space_id = $1 AND status = 'confirmed' AND organisation_id = ANY($2::uuid[]) LIMIT 1`,
      [spaceId, access.organisationIds],
    );
    return rows.length > 0;
  }
}
