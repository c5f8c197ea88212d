/** Makes a switch over a union exhaustive: a new member with no branch does not compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
