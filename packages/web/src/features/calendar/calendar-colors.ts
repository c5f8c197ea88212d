// One colour per calendar, in the order GET /calendars lists them (the caller's own first). An item is dark text
// (--text) on a pale tint of its calendar's colour with a solid bar in the colour itself, so the text meets WCAG AA
// whatever the colour; the bar and the toggle's swatch are non-text marks (3:1 on white, WCAG 1.4.11).
export type CalendarColor = { solid: string; tint: string };

const PALETTE: readonly CalendarColor[] = [
  { solid: '#4f4fc9', tint: '#ececfb' }, // indigo
  { solid: '#b4460e', tint: '#fcebe1' }, // rust
  { solid: '#16794a', tint: '#e3f4eb' }, // green
  { solid: '#a1266e', tint: '#f9e6f1' }, // plum
  { solid: '#1f6796', tint: '#e2eff8' }, // blue
  { solid: '#7a6200', tint: '#f7f0d6' }, // olive
  { solid: '#6b45b8', tint: '#efe8fa' }, // violet
  { solid: '#0f7480', tint: '#e0f2f4' }, // teal
];

export function colorAt(index: number): CalendarColor {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] as CalendarColor;
}

/** The colours as CSS custom properties for an element's style: `--cal-solid` and `--cal-tint`. */
export function colorStyle(color: CalendarColor): Record<string, string> {
  return { '--cal-solid': color.solid, '--cal-tint': color.tint };
}
