import type { DataSource } from 'typeorm';
import type { CreateEstablishment, EstablishmentView, Page, UpdateEstablishment } from '@salle/contracts';
import { isUniqueViolation } from '@salle/db';
import { forbidden, invalidFields } from '@salle/http';
import type { Access } from '../access/access';
import { SpaceAvailability } from '../availability/space-availability';
import { EstablishmentEntity } from '../database/entities';
import { establishmentExists, establishmentNotFound } from '../errors';
import { announceEstablishmentContacts } from './establishment-contacts';
import { checkEstablishmentIdentifiers } from './establishment-identifiers';
import { toEstablishmentView } from './establishment-view';
import { containsPattern, foldedLike } from '../database/text-search';
import { changedFields } from '@salle/db';
import { recordBookingAudit, staffActor } from '../audit/audit-journal';

/** Fields a collège's own managers may change; the rest is the département's. */
const MANAGER_FIELDS = new Set<keyof UpdateEstablishment>(['contactEmail', 'contactPhone', 'cancellationPolicy']);

export interface EstablishmentFilter {
  communeInsee?: string;
  q?: string;
  status?: EstablishmentEntity['status'];
  page: number;
  pageSize: number;
}

export class EstablishmentCatalogue {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(EstablishmentEntity);
  }

  /** Visitors see active collèges; managers also their own; admins everything. */
  async list(filter: EstablishmentFilter, access: Access): Promise<Page<EstablishmentView>> {
    const query = this.repository.createQueryBuilder('e');
    if (!access.isAdmin) {
      query.where(`(e.status = 'active' OR e.id = ANY(:managed))`, { managed: access.establishmentIds });
    }
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.communeInsee) query.andWhere('e.commune_insee = :insee', { insee: filter.communeInsee });
    if (filter.q) {
      query.andWhere(`(${foldedLike('e.name', ':q')} OR ${foldedLike('e.commune_name', ':q')} OR e.uai = :exact)`, {
        q: containsPattern(filter.q),
        exact: filter.q.toUpperCase(),
      });
    }
    const [rows, total] = await query
      .orderBy('e.name', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items: rows.map(toEstablishmentView), page: filter.page, pageSize: filter.pageSize, total };
  }

  async get(id: string, access: Access): Promise<EstablishmentView> {
    return toEstablishmentView(await this.findVisible(id, access));
  }

  async findVisible(id: string, access: Access): Promise<EstablishmentEntity> {
    const entity = await this.repository.findOneBy({ id });
    if (!entity || (entity.status !== 'active' && !access.managesEstablishment(id))) throw establishmentNotFound();
    return entity;
  }

  async create(input: CreateEstablishment, access: Access): Promise<EstablishmentView> {
    access.requireAdmin();
    const { errors, values } = checkEstablishmentIdentifiers(input);
    if (errors.length) invalidFields(errors);
    try {
      const saved = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(EstablishmentEntity, {
            ...input,
            ...values,
            siret: values.siret ?? null,
            contactEmail: input.contactEmail ?? null,
            contactPhone: input.contactPhone ?? null,
            payoutReady: false,
            cancellationPolicy: null,
            updatedAt: new Date(),
          }),
        );
        await announceEstablishmentContacts(manager, [created.id]);
        await recordBookingAudit(manager, {
          actor: staffActor(access),
          action: 'establishment.created',
          object: { type: 'establishment', id: created.id },
          establishmentId: created.id,
          changes: { uai: { before: null, after: created.uai }, status: { before: null, after: created.status } },
        });
        return created;
      });
      return toEstablishmentView(await this.repository.findOneByOrFail({ id: saved.id }));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw establishmentExists();
      }
      throw error;
    }
  }

  async update(id: string, changes: UpdateEstablishment, access: Access): Promise<EstablishmentView> {
    access.requireManagerOf(id);
    if (!access.isAdmin) {
      const denied = Object.keys(changes).filter((field) => !MANAGER_FIELDS.has(field as keyof UpdateEstablishment));
      if (denied.length) throw forbidden(`Seul le département peut modifier\u00a0: ${denied.join(', ')}.`);
    }
    const { errors, values } = checkEstablishmentIdentifiers({
      siret: changes.siret,
      communeInsee: changes.communeInsee,
    });
    if (errors.length) invalidFields(errors);
    const entity = await this.repository.findOneBy({ id });
    if (!entity) throw establishmentNotFound();
    const before = { ...entity };
    Object.assign(entity, changes, values, { updatedAt: new Date() });
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.save(entity);
        await recordBookingAudit(manager, {
          actor: staffActor(access),
          action: 'establishment.updated',
          object: { type: 'establishment', id },
          establishmentId: id,
          // The collège's own contact details are not a person's: they are recorded like the other fields.
          changes: changedFields(before, entity, auditedFields(changes)),
        });
        await announceEstablishmentContacts(manager, [id]);
        // A new school zone means other holidays, hence other windows.
        await new SpaceAvailability().refresh(manager, { establishmentIds: [id] });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw establishmentExists();
      throw error;
    }
    return toEstablishmentView(entity);
  }
}

/** The fields a change names, those an entry records before and after. */
function auditedFields<T extends object>(changes: Partial<T>): (keyof T & string)[] {
  return Object.keys(changes) as (keyof T & string)[];
}
