import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/*
 * cdktf resolves every value of a stack three times during synth, visiting each string with
 * token regexes. For a host inventory of 20,000 entries that is most of the synth time, and
 * it is wasted: the inventory holds validated plain strings, never tokens. Values registered
 * here skip resolution and are placed into the stack's JSON after cdktf is done with it.
 * It works in any stack (library users compose our constructs in stacks of their own), which is
 * why it wraps the stack's toTerraform() rather than asking for a subclass.
 */

const registry = new WeakMap<TerraformStack, Map<string, unknown>>();

function preResolvedLocals(scope: IConstruct): Map<string, unknown> {
  const stack = TerraformStack.of(scope);
  let locals = registry.get(stack);
  if (!locals) {
    const created = new Map<string, unknown>();
    locals = created;
    registry.set(stack, created);
    const toTerraform = stack.toTerraform.bind(stack);
    stack.toTerraform = () => {
      const config = toTerraform();
      if (created.size > 0) config.locals = { ...config.locals, ...Object.fromEntries(created) };
      return config;
    };
  }
  return locals;
}

/** Declares `locals { <name> = <value> }` in the stack of `scope`; refer to it as `${local.<name>}`. */
export function setPreResolvedLocal(scope: IConstruct, name: string, value: unknown): string {
  const locals = preResolvedLocals(scope);
  if (locals.has(name))
    throw new Error(`${scope.node.path}: the stack already has a local named ${name}`);
  locals.set(name, value);
  return `\${local.${name}}`;
}
