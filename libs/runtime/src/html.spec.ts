import { escapeHtml, warningBanner } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or an attribute, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Léa</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Léa&lt;/a&gt;',
    );
    expect(escapeHtml('Collège Champollion, 18 h')).toBe('Collège Champollion, 18 h');
  });

  it('writes nothing for a missing value and the text of any other', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('warningBanner', () => {
  it('frames every line at the width of the longest', () => {
    const banner = warningBanner(['SANDBOX', 'longer line']).split('\n');
    expect(banner).toEqual([
      '',
      '  #################',
      '  #  SANDBOX      #',
      '  #  longer line  #',
      '  #################',
      '',
    ]);
  });
});
