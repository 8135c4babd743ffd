/*
 * Fields the estate once had. An estate that still uses one gets an error that says what replaced
 * it, instead of "unknown key": the schema object that lost a field registers it here, and the
 * error map (./messages) looks the object up when it reports an unknown key.
 * Register the object schema as it is parsed: after .meta(), which returns a copy.
 */

const removedFields = new WeakMap<object, Readonly<Record<string, string>>>();

/** Removed keys whose value now goes under another key (cidr → source). */
const renamedKeys = new Map<string, string>();

/**
 * Marks `fields` (key → what replaced it) as removed from `schema`; `renamed` names the key that
 * took over a removed key's value. Returns the schema.
 */
export function withRemovedFields<T extends object>(
  schema: T,
  fields: Readonly<Record<string, string>>,
  renamed: Readonly<Record<string, string>> = {},
): T {
  removedFields.set(schema, fields);
  for (const [from, to] of Object.entries(renamed)) renamedKeys.set(from, to);
  return schema;
}

/** The key that took over the value of removed `key`, if it was renamed. */
export function renamedTo(key: string): string | undefined {
  return renamedKeys.get(key);
}

/** What replaced `key` of the object schema `schema`, if it was removed. */
export function replacementOf(schema: unknown, key: string): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const fields = removedFields.get(schema);
  return fields && Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
}
