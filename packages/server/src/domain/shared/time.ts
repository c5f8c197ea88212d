// Instants: the one ISO-8601 writer every snapshot and serializer uses (and, with the strict input parser, the
// one place dates are read).

/** An instant as RFC 3339 UTC with milliseconds; null stays null. */
export function toIso(value: Date | string | number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
