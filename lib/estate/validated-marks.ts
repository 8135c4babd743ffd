/*
 * Values the estate loader has validated, so that constructs built from them need not validate
 * them again: at 20,000 hosts, each pass over the host lists costs tens of milliseconds. Only the
 * loader marks values; anything else (a library user's props) is validated by the constructs.
 */

const validated = new WeakSet<object>();

export function markValidated<T extends object>(value: T): T {
  validated.add(value);
  return value;
}

export function isValidated(value: unknown): boolean {
  return typeof value === "object" && value !== null && validated.has(value);
}
