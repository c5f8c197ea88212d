// A card's value and expected close date in words. Values carry no currency (the API has none): grouped digits.
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
// Expected close is a calendar date (YYYY-MM-DD), read as such: formatted in UTC so no time zone moves it a day.
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatValue(value: number): string {
  return money.format(value);
}

export function formatCloseDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : day.format(d);
}

/** "3 cards", "1 card", "No cards". */
export function cardCount(n: number): string {
  return n === 0 ? 'No cards' : n === 1 ? '1 card' : `${n} cards`;
}

/** The line that stands for cards the caller cannot see: their number, nothing else about them. */
export function hiddenLine(n: number): string {
  return `${n} more you cannot see`;
}

/** A value typed in the form ("1 250,50" or "1250.5") as a number with cents, null when empty, NaN when not a number. */
export function parseValue(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  const normalised = /,\d{1,2}$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  const n = Number(normalised);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) / 100 : Number.NaN;
}
