import type { DataSource } from 'typeorm';
import { reply } from '@salle/http';
import type { BookingModuleHandlers } from '../access/access-policy';
import { EstablishmentCatalogue } from '../catalogue/establishment-catalogue';
import { SpaceCatalogue } from '../catalogue/space-catalogue';
import { parseLocalDate } from '../domain/time';
import { IcsFeeds } from './ics-feeds';
import { SpaceCalendar } from './space-calendar';

type CalendarOperations =
  | 'spaceCalendar'
  | 'establishmentFeed'
  | 'organisationFeed'
  | 'establishmentCalendarLink'
  | 'rotateEstablishmentCalendarLink'
  | 'organisationCalendarLink'
  | 'rotateOrganisationCalendarLink';

/** A space's days, and the ICS feeds of collèges and organisations behind their secret links. */
export function calendarHandlers(dataSource: DataSource): BookingModuleHandlers<CalendarOperations> {
  const calendar = new SpaceCalendar(
    dataSource,
    new SpaceCatalogue(dataSource, new EstablishmentCatalogue(dataSource)),
  );
  const feeds = new IcsFeeds(dataSource);
  const feed = (owner: 'establishment' | 'organisation') => ({
    access: 'public' as const,
    // The secret is the file name: `<token>.ics`.
    handle: async ({ params }: { params: { file: string } }) =>
      reply(await feeds.render(owner, params.file.replace(/\.ics$/, '')), {
        headers: { 'content-type': 'text/calendar; charset=utf-8' },
      }),
  });
  return {
    spaceCalendar: {
      access: 'anyone',
      handle: ({ params, query: { from, to } }, { access }) =>
        calendar.forRange(params.id, parseLocalDate(from, 'from'), parseLocalDate(to, 'to'), access),
    },
    establishmentFeed: feed('establishment'),
    organisationFeed: feed('organisation'),
    establishmentCalendarLink: {
      access: 'anyone',
      handle: ({ params }, { access }) => feeds.link('establishment', params.id, access),
    },
    rotateEstablishmentCalendarLink: {
      access: 'anyone',
      handle: ({ params }, { access }) => feeds.rotate('establishment', params.id, access),
    },
    organisationCalendarLink: {
      access: 'anyone',
      handle: ({ params }, { access }) => feeds.link('organisation', params.id, access),
    },
    rotateOrganisationCalendarLink: {
      access: 'anyone',
      handle: ({ params }, { access }) => feeds.rotate('organisation', params.id, access),
    },
  };
}
