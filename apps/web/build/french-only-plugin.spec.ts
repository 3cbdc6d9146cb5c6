// The build keeps react-aria's French strings only (french-only-plugin.mts): the other locales' lines go,
// the rest of the module stays as it was.
import { keepLocale } from './french-only-plugin.mts';

const STRINGS_MODULE = [
  'import $a from "../intl/datepicker/de-DE.mjs";',
  'import $b from "../intl/datepicker/fr-FR.mjs";',
  'import $c from "../intl/datepicker/zh-TW.mjs";',
  'var $exports = {};',
  '$exports = {',
  '    "de-DE": $a,',
  '    "fr-FR": $b,',
  '    "zh-TW": $c',
  '};',
  'export {$exports as default};',
].join('\n');

describe('the French-only build of react-aria', () => {
  it('keeps the French import and entry of a strings module, and nothing of the other locales', () => {
    expect(keepLocale(STRINGS_MODULE, 'fr-FR')).toBe(
      [
        'import $b from "../intl/datepicker/fr-FR.mjs";',
        'var $exports = {};',
        '$exports = {',
        '    "fr-FR": $b,',
        '};',
        'export {$exports as default};',
      ].join('\n'),
    );
  });

  it('yields a module that still gives the French strings', () => {
    const body = keepLocale(STRINGS_MODULE, 'fr-FR')
      .replace('import $b from "../intl/datepicker/fr-FR.mjs";', 'const $b = { day: "jour" };')
      .replace('export {$exports as default};', 'return $exports;');
    expect(new Function(body)()).toEqual({ 'fr-FR': { day: 'jour' } });
  });
});
