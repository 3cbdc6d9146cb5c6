import type { MeResponse } from '@salle/contracts';
import { act, render, screen, within, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nProvider } from 'react-aria-components';
import { SessionContext } from '../app/session';

// jsdom has no `CSS`; react-aria's focus containment escapes ids with `CSS.escape`, as browsers provide it.
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

/** A signed-in session as `/api/me` gives it; `overrides` change the account, roles or memberships. */
export function meFor(
  overrides: Partial<Omit<MeResponse, 'account'>> & { account?: Partial<MeResponse['account']> } = {},
): MeResponse {
  const { account, ...rest } = overrides;
  return {
    account: {
      id: '0c8a4f0e-5a55-4c1b-9d0f-6f3e2b7f1a11',
      provider: 'franceconnect',
      displayName: 'Angela Dubois',
      email: 'angela.dubois@example.fr',
      ...account,
    },
    roles: ['organisation_member'],
    organisations: [],
    establishments: [],
    csrfToken: 'csrf',
    session: { expiresAt: '2026-12-06T18:00:00+01:00' },
    ...rest,
  } as MeResponse;
}

/** Renders one screen in jsdom, inside the session it needs (a visitor by default), in `fr-FR` as `main.tsx` does. */
export function renderScreen(screen: ReactElement, me: MeResponse | null = null): RenderResult {
  return render(
    <I18nProvider locale="fr-FR">
      <SessionContext.Provider value={{ status: 'ready', me, error: null, refresh: async () => undefined }}>
        {screen}
      </SessionContext.Provider>
    </I18nProvider>,
  );
}

/**
 * Fills the react-aria date or time field labelled `label` from its first segment, digits as a person types them
 * (`'11012027'` for 11/01/2027, `'1800'` for 18:00): each segment moves on to the next once full.
 */
export function typeIntoField(label: string, digits: string): void {
  const first = within(screen.getByRole('group', { name: label })).getAllByRole('spinbutton')[0];
  act(() => first.focus());
  typeIntoSegments(digits);
}

/** Types `text` into the focused segment of a react-aria date or time field, as a keyboard would (`beforeinput`). */
export function typeIntoSegments(text: string): void {
  for (const character of text) {
    const target = document.activeElement as HTMLElement;
    act(() => {
      target.dispatchEvent(
        new InputEvent('beforeinput', { data: character, inputType: 'insertText', bubbles: true, cancelable: true }),
      );
    });
  }
}

/** The page's headings in order, as `h1`, `h2`… */
export function headingLevels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.tagName.toLowerCase());
}

/** Fails with the offending pair when a heading goes more than one level deeper than the one before it. */
export function skippedHeadingLevels(container: HTMLElement): string[] {
  const levels = headingLevels(container).map((tag) => Number(tag.slice(1)));
  const skips: string[] = [];
  levels.forEach((level, index) => {
    const previous = index === 0 ? 0 : levels[index - 1];
    if (level > previous + 1) skips.push(`h${previous} → h${level}`);
  });
  return skips;
}
