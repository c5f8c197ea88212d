// Ids are UUIDs, opaque to callers: a malformed id answers exactly as a missing one, so queries check the shape
// before they ask the database (which would reject a malformed uuid with an error, not an empty answer).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
