import { z } from 'zod';
import { utcInstantSchema } from './common';

/**
 * The occupancy convention's template, which the département edits: who it is (as printed), the legal basis,
 * and the clauses in order. The parties, premises, calendar, price, insurance and access instructions are filled
 * from the data around them; each saved template is a new version, and a convention keeps the version it was
 * made from.
 */
export const conventionClauseSchema = z.strictObject({
  title: z.string().trim().min(1, { error: 'indiquez le titre de l’article' }).max(200),
  text: z.string().trim().min(1, { error: 'indiquez le texte de l’article' }).max(8_000),
});
export type ConventionClause = z.infer<typeof conventionClauseSchema>;

export const conventionTemplateSchema = z.strictObject({
  /** « Département de l’Isère », as the convention names the party. */
  departmentName: z.string().trim().min(1).max(200),
  /** Who signs for it and under which deliberation. */
  departmentRepresentative: z.string().trim().min(1).max(500),
  /** The visas: the articles and deliberations the convention rests on. */
  legalBasis: z.string().trim().min(1).max(4_000),
  clauses: z.array(conventionClauseSchema).min(1).max(40),
  /** The règlement intérieur, printed as the last annex. */
  rules: z.string().trim().max(20_000),
});
export type ConventionTemplate = z.infer<typeof conventionTemplateSchema>;

export const conventionTemplateViewSchema = conventionTemplateSchema.extend({
  /** 0 for the defaults shipped with the product, then 1, 2... for each saved version. */
  version: z.number().int().min(0),
  createdAt: utcInstantSchema.nullable(),
});
export type ConventionTemplateView = z.infer<typeof conventionTemplateViewSchema>;
