/*
 * A synthesized stack with each literal `for_each` map moved into a `locals` entry that the
 * resource references: the JSON a proposed change to lib/constructs/pre-resolved.ts would
 * write. Terraform plans a literal for_each object of JSON syntax in time that grows much faster
 * than the number of instances; through a local value it plans as fast as HCL.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function withForEachInLocals(stack: Json): Json {
  const copy = structuredClone(stack);
  const locals: Json = isObject(copy.locals) ? copy.locals : {};
  const resources = isObject(copy.resource) ? copy.resource : {};
  for (const [type, byName] of Object.entries(resources)) {
    if (!isObject(byName)) continue;
    for (const [name, block] of Object.entries(byName)) {
      if (!isObject(block) || !isObject(block.for_each)) continue;
      const local = `${type}_${name}_for_each`;
      locals[local] = block.for_each;
      block.for_each = `\${local.${local}}`;
    }
  }
  if (Object.keys(locals).length > 0) copy.locals = locals;
  return copy;
}
