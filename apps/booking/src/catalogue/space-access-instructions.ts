import type { DataSource } from 'typeorm';
import type { AuditChanges, SpaceAccessInstructions, SpaceAccessInstructionsView } from '@salle/contracts';
import type { Access } from '../access/access';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';
import { SpaceAccessInstructionsEntity, SpaceEntity } from '../database/entities';
import { spaceNotFound } from '../errors';

const EMPTY = { keys: '', alarm: '', caretakerContact: '' };
const FIELDS = ['keys', 'alarm', 'caretakerContact'] as const;

/**
 * What the audit log keeps of a change of instructions: which texts changed, with their lengths before and after,
 * never the texts (an alarm code, the caretaker's phone; a hash of a short code would give it away too).
 */
export function instructionChanges(before: SpaceAccessInstructions, after: SpaceAccessInstructions): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of FIELDS) {
    if (before[field] !== after[field]) {
      changes[field] = { before: { length: before[field].length }, after: { length: after[field].length } };
    }
  }
  return changes;
}

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
      const previous = (await manager.findOneBy(SpaceAccessInstructionsEntity, { spaceId })) ?? EMPTY;
      const saved = await manager.save(
        manager.create(SpaceAccessInstructionsEntity, {
          spaceId,
          ...instructions,
          updatedBy: caller.accountId,
          updatedAt: new Date(),
        }),
      );
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'space.access_instructions_replaced',
        object: { type: 'space', id: spaceId },
        establishmentId: space.establishmentId,
        changes: instructionChanges(previous, saved),
      });
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
