import { departementOfCommune } from '@salle/french-identifiers';
import { loadSchoolCalendar, type SchoolCalendar, type SchoolZone, type ZoneCalendar } from '../domain/calendar';

let loaded: SchoolCalendar | undefined;

/** The official school-holiday calendar shipped in libs/french-calendar/data, read once. */
export function schoolCalendar(): SchoolCalendar {
  loaded ??= loadSchoolCalendar().calendar;
  return loaded;
}

/** Bas-Rhin, Haut-Rhin and Moselle: local law adds Good Friday and 26 December to the public holidays. */
const ALSACE_MOSELLE = new Set(['57', '67', '68']);

/** Whether the collège's commune (its INSEE code) is in Alsace-Moselle. */
export function hasAlsaceMoselleHolidays(communeInsee: string): boolean {
  return ALSACE_MOSELLE.has(departementOfCommune(communeInsee) ?? '');
}

/** The calendar an establishment's opening rules follow: its school zone and its département's public holidays. */
export function calendarOf(establishment: { schoolZone: SchoolZone; communeInsee: string }): ZoneCalendar {
  return schoolCalendar().forZone(establishment.schoolZone, {
    alsaceMoselle: hasAlsaceMoselleHolidays(establishment.communeInsee),
  });
}
