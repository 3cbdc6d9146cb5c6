import type { DataSource, EntityManager } from 'typeorm';
import type {
  ClosureView,
  CreateSpace,
  OpeningRuleInput,
  SpaceDetailsView,
  TariffInput,
  UpdateSpace,
} from '@salle/contracts';
import { parisDateKey } from '@salle/contracts';
import { invalidFields } from '@salle/http';
import { parseLocalDate } from '../domain/time';
import type { Access } from '../access/access';
import { SpaceAvailability } from '../availability/space-availability';
import { schoolCalendar } from '../availability/school-calendar';
import { ClosureEntity, EstablishmentEntity, OpeningRuleEntity, SpaceEntity, TariffEntity } from '../database/entities';
import { closureNotFound, spaceNotFound } from '../errors';
import type { EstablishmentCatalogue } from './establishment-catalogue';
import { toOpeningRuleView, toSpaceView, toTariffView, type SpaceView } from './space-view';
import { changedFields } from '@salle/db';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';

export class SpaceCatalogue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly establishments: EstablishmentCatalogue,
  ) {}

  /** A space the caller may see: active in an active establishment, or one they manage. */
  async findVisible(
    spaceId: string,
    access: Access,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SpaceEntity> {
    const space = await manager.findOneBy(SpaceEntity, { id: spaceId });
    if (!space) throw spaceNotFound();
    if (access.managesEstablishment(space.establishmentId)) return space;
    if (!space.active) throw spaceNotFound();
    await this.establishments.findVisible(space.establishmentId, access).catch(() => {
      throw spaceNotFound();
    });
    return space;
  }

  private async findManaged(spaceId: string, access: Access, manager: EntityManager): Promise<SpaceEntity> {
    access.requireCaller();
    const space = await manager.findOneBy(SpaceEntity, { id: spaceId });
    if (!space) throw spaceNotFound();
    access.requireManagerOf(space.establishmentId);
    return space;
  }

  async listForEstablishment(establishmentId: string, access: Access): Promise<SpaceView[]> {
    await this.establishments.findVisible(establishmentId, access);
    const spaces = await this.dataSource.getRepository(SpaceEntity).find({
      where: access.managesEstablishment(establishmentId) ? { establishmentId } : { establishmentId, active: true },
      order: { name: 'ASC' },
    });
    return spaces.map(toSpaceView);
  }

  async details(spaceId: string, access: Access): Promise<SpaceDetailsView> {
    const space = await this.findVisible(spaceId, access);
    const [rules, tariffs, establishment] = await Promise.all([
      this.dataSource.getRepository(OpeningRuleEntity).find({ where: { spaceId }, order: { startTime: 'ASC' } }),
      this.dataSource.getRepository(TariffEntity).find({ where: { spaceId }, order: { category: 'ASC' } }),
      this.dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ id: space.establishmentId }),
    ]);
    return {
      ...toSpaceView(space),
      openingRules: rules.map(toOpeningRuleView),
      tariffs: tariffs.map(toTariffView),
      // A weekly series asks, by default, until the end of the school year.
      schoolYearEndsOn: schoolCalendar().schoolYearEnd(
        establishment.schoolZone,
        parseLocalDate(parisDateKey(new Date())),
      ),
    };
  }

  async create(establishmentId: string, input: CreateSpace, access: Access): Promise<SpaceView> {
    access.requireManagerOf(establishmentId);
    await this.establishments.findVisible(establishmentId, access);
    const saved = await this.dataSource.transaction(async (manager) => {
      const space = await manager.save(
        manager.create(SpaceEntity, { ...input, areaM2: input.areaM2 ?? null, establishmentId, updatedAt: new Date() }),
      );
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'space.created',
        object: { type: 'space', id: space.id },
        establishmentId,
        changes: { name: { before: null, after: space.name }, kind: { before: null, after: space.kind } },
      });
      return space;
    });
    return toSpaceView(saved);
  }

  async update(spaceId: string, changes: UpdateSpace, access: Access): Promise<SpaceView> {
    return this.dataSource.transaction(async (manager) => {
      const space = await this.findManaged(spaceId, access, manager);
      const merged = { ...space, ...changes };
      if (merged.maxDurationMinutes < merged.minDurationMinutes) {
        invalidFields([
          { field: 'maxDurationMinutes', message: 'la durée maximale doit être au moins égale à la durée minimale' },
        ]);
      }
      const before = { ...space };
      Object.assign(space, changes, { updatedAt: new Date() });
      const saved = await manager.save(space);
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'space.updated',
        object: { type: 'space', id: spaceId },
        establishmentId: space.establishmentId,
        changes: changedFields(before, space, Object.keys(changes) as (keyof SpaceEntity & string)[]),
      });
      await new SpaceAvailability().refresh(manager, { spaceIds: [spaceId] });
      return toSpaceView(saved);
    });
  }

  async replaceOpeningRules(spaceId: string, rules: OpeningRuleInput[], access: Access) {
    return this.dataSource.transaction(async (manager) => {
      const space = await this.findManaged(spaceId, access, manager);
      const previous = await manager.find(OpeningRuleEntity, { where: { spaceId }, order: { startTime: 'ASC' } });
      await manager.delete(OpeningRuleEntity, { spaceId });
      const saved = await manager.save(
        rules.map((rule) =>
          manager.create(OpeningRuleEntity, {
            ...rule,
            spaceId,
            validFrom: rule.validFrom ?? null,
            validUntil: rule.validUntil ?? null,
          }),
        ),
      );
      await new SpaceAvailability().refresh(manager, { spaceIds: [spaceId] });
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'space.opening_rules_replaced',
        object: { type: 'space', id: spaceId },
        establishmentId: space.establishmentId,
        changes: { openingRules: { before: previous.map(toOpeningRuleView), after: saved.map(toOpeningRuleView) } },
      });
      return saved.map(toOpeningRuleView);
    });
  }

  async replaceTariffs(spaceId: string, tariffs: TariffInput[], access: Access) {
    return this.dataSource.transaction(async (manager) => {
      const space = await this.findManaged(spaceId, access, manager);
      const previous = await manager.find(TariffEntity, { where: { spaceId }, order: { category: 'ASC' } });
      await manager.delete(TariffEntity, { spaceId });
      const saved = await manager.save(
        tariffs.map((tariff) =>
          manager.create(TariffEntity, {
            ...tariff,
            spaceId,
            halfDayCents: tariff.halfDayCents ?? null,
            dayCents: tariff.dayCents ?? null,
          }),
        ),
      );
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'space.tariffs_replaced',
        object: { type: 'space', id: spaceId },
        establishmentId: space.establishmentId,
        changes: { tariffs: { before: previous.map(toTariffView), after: saved.map(toTariffView) } },
      });
      return saved.map(toTariffView);
    });
  }

  async closures(establishmentId: string, access: Access) {
    await this.establishments.findVisible(establishmentId, access);
    const rows = await this.dataSource
      .getRepository(ClosureEntity)
      .find({ where: { establishmentId }, order: { startsAt: 'ASC' } });
    return rows.map(toClosureView);
  }

  async removeClosure(closureId: string, access: Access): Promise<void> {
    access.requireCaller();
    await this.dataSource.transaction(async (manager) => {
      const closure = await manager.findOneBy(ClosureEntity, { id: closureId });
      if (!closure) throw closureNotFound();
      access.requireManagerOf(closure.establishmentId);
      await manager.delete(ClosureEntity, { id: closureId });
      await recordBookingAudit(manager, {
        actor: staffActor(access),
        action: 'closure.deleted',
        object: { type: 'closure', id: closureId },
        establishmentId: closure.establishmentId,
        changes: {
          startsAt: { before: closure.startsAt.toISOString(), after: null },
          endsAt: { before: closure.endsAt.toISOString(), after: null },
        },
      });
    });
  }
}

export function toClosureView(closure: ClosureEntity): ClosureView {
  return {
    id: closure.id,
    establishmentId: closure.establishmentId,
    spaceId: closure.spaceId,
    startsAt: closure.startsAt.toISOString(),
    endsAt: closure.endsAt.toISOString(),
    reason: closure.reason,
  };
}
