import type { OpeningRuleView, SpaceView, TariffView } from '@salle/contracts';
import type { OpeningRuleEntity, SpaceEntity, TariffEntity } from '../database/entities';

export type { SpaceView };

export function toSpaceView(space: SpaceEntity): SpaceView {
  return {
    id: space.id,
    establishmentId: space.establishmentId,
    kind: space.kind,
    name: space.name,
    capacity: space.capacity,
    areaM2: space.areaM2,
    equipment: space.equipment,
    stepFreeAccess: space.stepFreeAccess,
    description: space.description,
    photoUrls: space.photoUrls,
    bufferMinutes: space.bufferMinutes,
    minDurationMinutes: space.minDurationMinutes,
    maxDurationMinutes: space.maxDurationMinutes,
    minNoticeHours: space.minNoticeHours,
    maxHorizonDays: space.maxHorizonDays,
    approvalRequired: space.approvalRequired,
    allowedCategories: space.allowedCategories,
    closedOnPublicHolidays: space.closedOnPublicHolidays,
    active: space.active,
  };
}

export function toOpeningRuleView(
  rule: Pick<OpeningRuleEntity, 'weekdays' | 'startTime' | 'endTime' | 'period' | 'validFrom' | 'validUntil'>,
): OpeningRuleView {
  return {
    weekdays: rule.weekdays,
    startTime: rule.startTime.slice(0, 5),
    endTime: rule.endTime.slice(0, 5),
    period: rule.period,
    validFrom: rule.validFrom,
    validUntil: rule.validUntil,
  };
}

export function toTariffView(tariff: TariffEntity): TariffView {
  return {
    category: tariff.category,
    hourlyCents: tariff.hourlyCents,
    halfDayCents: tariff.halfDayCents,
    dayCents: tariff.dayCents,
    depositCents: tariff.depositCents,
  };
}
