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
      segments: [
        { kind: 'free', startsAt: `${from}T17:00:00Z`, endsAt: `${from}T17:15:00Z` },
        { kind: 'free', startsAt: `${from}T18:00:00Z`, endsAt: `${from}T20:00:00Z` },
      ],
    }),
  },
}));

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
});
