/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { addDays, mondayOf, todayInParis } from '../lib/paris-time';
import { renderScreen } from '../testing/render-screen';
import { WeekCalendar } from './week-calendar';

jest.mock('../api/booking-api', () => ({
  bookingApi: {
    // A 15-minute gap between two bookings, then two free hours, on the Monday of whatever week is asked.
    calendar: async (spaceId: string, from: string) => ({
      spaceId,
      from,
      to: from,
      timeZone: 'Europe/Paris',
      today: from,
      segments:
        spaceId === 'gym'
          ? seriesWeek(from)
          : [
              { kind: 'free', startsAt: `${from}T17:00:00Z`, endsAt: `${from}T17:15:00Z` },
              { kind: 'free', startsAt: `${from}T18:00:00Z`, endsAt: `${from}T20:00:00Z` },
            ],
    }),
  },
}));

const SERIES = '33333333-3333-4333-8333-333333333333';
const OTHER_SERIES = '44444444-4444-4444-8444-444444444444';
/** Two sessions of one series (Monday and Thursday), one of another, and a one-off booking. */
function seriesWeek(monday: string) {
  const day = (offset: number) => {
    const date = new Date(`${monday}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offset);
    return date.toISOString().slice(0, 10);
  };
  const booked = (date: string, hour: number, id: string, organisationName: string, seriesId: string | null) => ({
    kind: 'booked',
    startsAt: `${date}T${hour}:00:00Z`,
    endsAt: `${date}T${hour + 2}:00:00Z`,
    booking: { id, status: 'confirmed', organisationName, mine: false, seriesId },
  });
  return [
    booked(day(0), 17, 'b1', 'Basket Club de Crolles', SERIES),
    booked(day(1), 17, 'b2', 'Chorale de Vienne', OTHER_SERIES),
    booked(day(2), 17, 'b3', 'Théâtre du Versoud', null),
    booked(day(3), 17, 'b4', 'Basket Club de Crolles', SERIES),
  ];
}

function Calendar({ start }: { start: string }) {
  const [week, setWeek] = useState(start);
  return <WeekCalendar spaceId="s1" week={week} onWeekChange={setWeek} bookable minDurationMinutes={60} />;
}

describe('WeekCalendar', () => {
  const nextWeek = addDays(mondayOf(todayInParis()), 14);

  it('offers no booking of a free gap shorter than the space’s minimum duration', async () => {
    const { container } = renderScreen(<Calendar start={nextWeek} />);
    const links = await screen.findAllByRole('link', { name: /^réserver/ });
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toContain(`debut=${nextWeek}T18%3A00%3A00.000Z`);
    expect(container.textContent).toContain('Libre (trop court pour une réservation, 1\u00a0h au moins)');
  });

  it('moves the focus to the week shown after « Cette semaine », not to the page', async () => {
    renderScreen(<Calendar start={nextWeek} />);
    await screen.findAllByRole('link', { name: /^réserver/ });
    const button = screen.getByRole('button', { name: 'Cette semaine' });
    button.focus();
    await act(async () => {
      fireEvent.click(button);
    });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement?.tagName).toBe('H2');
    expect(document.activeElement?.textContent).toContain('Semaine du');
  });

  it('shows a series once with its sessions of the week, each session marked with the series’ letter', async () => {
    const { container } = renderScreen(
      <WeekCalendar spaceId="gym" week={nextWeek} onWeekChange={() => undefined} linkBookings />,
    );
    const list = await screen.findByText(/Séries hebdomadaires cette semaine/);
    const items = [...(list.nextElementSibling?.querySelectorAll('li') ?? [])].map((li) => li.textContent);
    expect(items).toEqual([
      'Série A – Basket Club de Crolles\u00a0: 2 séances cette semaine voir la série A et toutes ses séances',
      'Série B – Chorale de Vienne\u00a0: 1 séance cette semaine voir la série B et toutes ses séances',
    ]);
    const seriesLinks = screen.getAllByRole('link', { name: /voir la série/ });
    expect(seriesLinks.map((link) => link.getAttribute('href'))).toEqual([
      `/series/${SERIES}`,
      `/series/${OTHER_SERIES}`,
    ]);
    // Both sessions of series A carry its letter; the one-off booking carries none.
    expect(container.textContent?.match(/séance de la série A/g)).toHaveLength(2);
    expect(container.textContent?.match(/séance de la série B/g)).toHaveLength(1);
    const oneOff = [...container.querySelectorAll('.salle-segment--booked')].find((item) =>
      item.textContent?.includes('Théâtre du Versoud'),
    );
    expect(oneOff?.textContent).not.toContain('série');
  });

  it('lists no series in a week without any', async () => {
    renderScreen(<Calendar start={nextWeek} />);
    await screen.findAllByRole('link', { name: /^réserver/ });
    expect(screen.queryByText(/Séries hebdomadaires/)).toBeNull();
  });
});
