import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@salle/config';
import { contrastRatio, DEFAULT_THEME, readSiteTheme, themeContrastFailure, themeStylesheet, tint } from './theme';

describe('theme contrast (WCAG 2.1)', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2); // the lightest grey that passes AA for text
    expect(contrastRatio('#fff', '#777')).toBeCloseTo(contrastRatio('#ffffff', '#777777'), 10);
  });

  it('mixes a tint as the web app’s color-mix does', () => {
    expect(tint('#000000', 0.1)).toBe('#e6e6e6');
    expect(tint('#1f4e79', 1)).toBe('#1f4e79');
  });

  it('accepts the neutral default and refuses a light primary, naming the colour and its contrast', () => {
    expect(themeContrastFailure(DEFAULT_THEME)).toBeNull();
    expect(themeContrastFailure({ ...DEFAULT_THEME, primaryColor: '#3a9ad9' })).toEqual({
      member: 'primaryColor',
      message: '#3a9ad9 has a contrast of 3.09:1 with white text on it (buttons), below the 4.5:1 of WCAG AA',
    });
  });

  it('holds the primary colour to 4.5:1 on its own tint, and the secondary to 3:1 on white', () => {
    // #595959 passes on white (7.0:1); on its tint it must still pass.
    expect(themeContrastFailure({ ...DEFAULT_THEME, primaryColor: '#595959' })).toBeNull();
    // 4.6:1 on white, under 4.5:1 on its 10 % tint.
    expect(themeContrastFailure({ ...DEFAULT_THEME, primaryColor: '#727272' })?.message).toMatch(
      /^#727272 has a contrast of 4\.\d\d:1 as text on its light tint \(tags\)/,
    );
    expect(themeContrastFailure({ ...DEFAULT_THEME, secondaryColor: '#aaaaaa' })?.message).toBe(
      '#aaaaaa has a contrast of 2.32:1 as a border on white (header, call-outs), below the 3:1 of WCAG AA',
    );
  });
});

describe('readSiteTheme', () => {
  let dir: string;
  const write = (content: unknown) => {
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salle-theme-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the département’s colours, and falls back to the neutral theme without a file or a theme', () => {
    expect(readSiteTheme(write({ theme: { primaryColor: '#0B4F6C', secondaryColor: '#a23b00' } }))).toEqual({
      primaryColor: '#0b4f6c',
      secondaryColor: '#a23b00',
    });
    expect(readSiteTheme(write({ departmentName: 'Drôme' }))).toEqual(DEFAULT_THEME);
    expect(readSiteTheme(path.join(dir, 'absent.json'))).toEqual(DEFAULT_THEME);
  });

  it('refuses a malformed colour, broken JSON and a colour below WCAG AA, as configuration errors', () => {
    const file = write({ theme: { primaryColor: 'blue' } });
    expect(() => readSiteTheme(file)).toThrow(
      new ConfigError(`theme.primaryColor in ${file}`, 'a colour written #rrggbb', false),
    );
    expect(() => readSiteTheme(write('{oops'))).toThrow(ConfigError);
    expect(() => readSiteTheme(write({ theme: { secondaryColor: '#ffd700' } }))).toThrow(
      /theme\.secondaryColor in .* is invalid: expected a colour meeting WCAG AA: #ffd700 has a contrast of 1\.40:1/,
    );
  });

  it('gives the web app its colours as custom properties', () => {
    expect(themeStylesheet({ primaryColor: '#0b4f6c', secondaryColor: '#a23b00' })).toBe(
      ':root{--salle-primary:#0b4f6c;--salle-on-primary:#ffffff;--salle-secondary:#a23b00;--salle-on-secondary:#ffffff}\n',
    );
  });
});
