// Avatar initials: whole user-perceived characters (graphemes), so an emoji or a flag is never cut in half.
const graphemes = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The first user-perceived character of a word: a whole emoji (surrogate pairs, ZWJ sequences, flags), an accented letter. */
function firstGrapheme(word: string): string {
  if (graphemes) {
    for (const { segment } of graphemes.segment(word)) return segment;
    return '';
  }
  return Array.from(word)[0] ?? '';
}

/** "Zoë Hartmann" → "ZH", "🦊 Fox" → "🦊F", "李小龍" → "李": whole characters, never half of one (issue 10, defect 6). */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const first = parts[0] ? firstGrapheme(parts[0]) : '?';
  const last = parts.length > 1 ? firstGrapheme(parts[parts.length - 1] ?? '') : '';
  return (first + last).toLocaleUpperCase() || '?';
}
