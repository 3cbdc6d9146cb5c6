import fs from 'node:fs';
import { ConfigError } from '@salle/config';

/** The département's colours, from the `theme` member of the site configuration (config.json). */
export interface SiteTheme {
  primaryColor: string;
  secondaryColor: string;
}

/** Neutral colours with no State symbol, used when the configuration names none. */
export const DEFAULT_THEME: SiteTheme = { primaryColor: '#1f4e79', secondaryColor: '#5c4b8a' };

const WHITE = '#ffffff';
/** WCAG 2.1 AA: 4.5:1 for text (1.4.3), 3:1 for user-interface components and graphics (1.4.11). */
const TEXT_RATIO = 4.5;
const UI_RATIO = 3;

type Rgb = [number, number, number];

function parseHex(colour: string): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match?.[1]) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  return [0, 2, 4].map((start) => parseInt(hex.slice(start, start + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [first, second] = [parseHex(a), parseHex(b)];
  if (!first || !second) throw new Error(`not a #rrggbb colour: ${first ? b : a}`);
  const [light, dark] = [luminance(first), luminance(second)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What the web app's CSS does with `color-mix(in srgb, colour share%, white)`: the light tint behind tags and the current tab. */
export function tint(colour: string, share: number): string {
  const rgb = parseHex(colour);
  if (!rgb) throw new Error(`not a #rrggbb colour: ${colour}`);
  return `#${rgb
    .map((channel) =>
      Math.round(channel * share + 255 * (1 - share))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

interface Pair {
  member: keyof SiteTheme;
  foreground: (theme: SiteTheme) => string;
  background: (theme: SiteTheme) => string;
  minimum: number;
  what: string;
}

/** Every text/background pair the web app draws with the theme's colours (apps/web/src/ui). */
const PAIRS: Pair[] = [
  {
    member: 'primaryColor',
    foreground: () => WHITE,
    background: (t) => t.primaryColor,
    minimum: TEXT_RATIO,
    what: 'with white text on it (buttons)',
  },
  {
    member: 'primaryColor',
    foreground: (t) => t.primaryColor,
    background: () => WHITE,
    minimum: TEXT_RATIO,
    what: 'as text on white (links)',
  },
  {
    member: 'primaryColor',
    foreground: (t) => t.primaryColor,
    background: (t) => tint(t.primaryColor, 0.1),
    minimum: TEXT_RATIO,
    what: 'as text on its light tint (tags)',
  },
  {
    member: 'secondaryColor',
    foreground: (t) => t.secondaryColor,
    background: () => WHITE,
    minimum: UI_RATIO,
    what: 'as a border on white (header, call-outs)',
  },
];

/** The first pair below WCAG AA, as one sentence naming the colour and its contrast; null when all pass. */
export function themeContrastFailure(theme: SiteTheme): { member: keyof SiteTheme; message: string } | null {
  for (const pair of PAIRS) {
    const ratio = contrastRatio(pair.foreground(theme), pair.background(theme));
    if (ratio < pair.minimum) {
      return {
        member: pair.member,
        message: `${theme[pair.member]} has a contrast of ${ratio.toFixed(2)}:1 ${pair.what}, below the ${pair.minimum}:1 of WCAG AA`,
      };
    }
  }
  return null;
}

/** The site configuration file's content; undefined when there is none, ConfigError when it is not JSON. */
export function readSiteFile(file: string): unknown {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError(file, 'a JSON site configuration', false);
  }
}

/**
 * Reads the `theme` of the site configuration file: absent file or member →
 * the neutral default; a malformed colour or one below WCAG AA → ConfigError
 * (one line at start, exit 1).
 */
export function readSiteTheme(file: string): SiteTheme {
  const raw = readSiteFile(file);
  const input = (raw && typeof raw === 'object' && 'theme' in raw ? raw.theme : undefined) as
    Record<string, unknown> | undefined;
  const theme = { ...DEFAULT_THEME };
  for (const member of ['primaryColor', 'secondaryColor'] as const) {
    const value = input?.[member];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !parseHex(value))
      throw new ConfigError(`theme.${member} in ${file}`, 'a colour written #rrggbb', false);
    theme[member] = value.trim().toLowerCase();
  }
  const failure = themeContrastFailure(theme);
  if (failure)
    throw new ConfigError(`theme.${failure.member} in ${file}`, `a colour meeting WCAG AA: ${failure.message}`, false);
  return theme;
}

/** The custom properties the web app's design tokens read (apps/web/src/ui/tokens.css). */
export function themeStylesheet(theme: SiteTheme): string {
  return `:root{--salle-primary:${theme.primaryColor};--salle-on-primary:${WHITE};--salle-secondary:${theme.secondaryColor};--salle-on-secondary:${WHITE}}\n`;
}
