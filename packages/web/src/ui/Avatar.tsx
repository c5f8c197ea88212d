import { cx } from '../lib/cx.ts';
import styles from './Avatar.module.css';
import { initialsOf } from './initials.ts';

export { initialsOf };

const HUES = [250, 200, 160, 20, 330, 280, 40, 180, 0, 220];

function hueOf(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return HUES[h % HUES.length] ?? 250;
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
