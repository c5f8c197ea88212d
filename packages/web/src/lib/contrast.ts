// WCAG 2.x contrast for the accent colour (issue 10, defect 9): white text sits on it in every primary button, and
// its darker mix (--accent-text, tokens.css) is the colour of active navigation text on its light tint. Both must
// reach 4.5:1 (AA for normal text).
export const AA_TEXT = 4.5;

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)] : null;
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG 2.x). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color-mix(in srgb, a p%, b)`, as the tokens mix the accent. */
export function mix(a: Rgb, b: Rgb, weightOfA: number): Rgb {
  return [0, 1, 2].map((i) => (a[i] ?? 0) * weightOfA + (b[i] ?? 0) * (1 - weightOfA)) as Rgb;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

export type AccentContrast = {
  /** White button text on the accent. */
  buttonText: number;
  /** --accent-text on --accent-soft (active navigation). */
  accentText: number;
};

export function accentContrast(hex: string): AccentContrast | null {
  const accent = parseHex(hex);
  if (!accent) return null;
  const soft = mix(accent, WHITE, 0.1);
  const text = mix(accent, BLACK, 0.72);
  return { buttonText: contrastRatio(WHITE, accent), accentText: contrastRatio(text, soft) };
}

/** The lightest shade of `hex` (mixed with black) under which white text reaches 4.5:1; the colour itself if it does. */
export function readableShade(hex: string): string | null {
  const accent = parseHex(hex);
  if (!accent) return null;
  for (let keep = 1; keep >= 0; keep -= 0.02) {
    const shade = mix(accent, BLACK, keep);
    if (contrastRatio(WHITE, shade) >= AA_TEXT && (accentContrast(toHex(shade))?.accentText ?? 0) >= AA_TEXT) return toHex(shade);
  }
  return '#000000';
}

/** 4.4913 → "4.49:1" (truncated, so 4.499 never reads as passing 4.5). */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
