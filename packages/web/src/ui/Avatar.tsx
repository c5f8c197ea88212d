import { cx } from '../lib/cx.ts';
import styles from './Avatar.module.css';

const HUES = [250, 200, 160, 20, 330, 280, 40, 180, 0, 220];

function hueOf(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return HUES[h % HUES.length] ?? 250;
}

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
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
