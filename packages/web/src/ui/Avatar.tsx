import { cx } from '../lib/cx.ts';
import styles from './Avatar.module.css';

const HUES = [250, 200, 160, 20, 330, 280, 40, 180, 0, 220];

function hueOf(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return HUES[h % HUES.length] ?? 250;
}

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

export function Avatar({ name, size = 32, kind = 'person' }: { name: string; size?: number; kind?: 'person' | 'team' }) {
  const hue = hueOf(name);
  return (
    <span
      className={cx(styles.avatar, kind === 'team' && styles.team)}
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.38), background: `hsl(${hue} 70% 94%)`, color: `hsl(${hue} 45% 32%)` }}
    >
      {initialsOf(name)}
    </span>
  );
}
