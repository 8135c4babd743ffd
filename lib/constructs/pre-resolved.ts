import { TerraformLocal, TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/*
 * cdktf resolves every value of a stack three times during synth, visiting each string with
 * token regexes (and once more for a stack with moved blocks, when declared through cdktf). For a host inventory of 20,000 entries that is most of the synth time, and
 * it is wasted: the inventory holds validated plain strings, never tokens. Values registered
 * here skip resolution and are placed into the stack's JSON after cdktf is done with it.
 * It works in any stack (library users compose our constructs in stacks of their own), which is
 * why it wraps the stack's toTerraform() rather than asking for a subclass.
 */

interface PreResolved {
  readonly locals: Map<string, unknown>;
  readonly moved: Array<{ from: string; to: string }>;
}

const registry = new WeakMap<TerraformStack, PreResolved>();

function preResolved(scope: IConstruct): PreResolved {
  const stack = TerraformStack.of(scope);
  let entries = registry.get(stack);
  if (!entries) {
    const created: PreResolved = { locals: new Map(), moved: [] };
    entries = created;
    registry.set(stack, created);
    const toTerraform = stack.toTerraform.bind(stack);
    stack.toTerraform = () => {
      const config = toTerraform();
      if (created.locals.size > 0) {
        config.locals = { ...config.locals, ...Object.fromEntries(created.locals) };
      }
      if (created.moved.length > 0) config.moved = [...(config.moved ?? []), ...created.moved];
      return config;
    };
  }
  return entries;
}

/** Declares `locals { <name> = <value> }` in the stack of `scope`; refer to it as `${local.<name>}`. */
export function setPreResolvedLocal(scope: IConstruct, name: string, value: unknown): string {
  const { locals } = preResolved(scope);
  if (locals.has(name))
    throw new Error(`${scope.node.path}: the stack already has a local named ${name}`);
  locals.set(name, value);
  return `\${local.${name}}`;
}

/** Declares `moved { from = <from>, to = <to> }` in the stack of `scope` (bare addresses). */
export function addMovedBlock(scope: IConstruct, from: string, to: string): void {
  preResolved(scope).moved.push({ from, to });
}

/**
 * Declares `locals { <name> = <value> }`: pre-resolved (above) when the value is known to hold
 * plain strings only, else through cdktf's own resolution, which turns the tokens a library user
 * gave (a TerraformVariable, say) into Terraform references. The same reference either way.
 */
export function setLocal(
  scope: IConstruct,
  name: string,
  value: unknown,
  options: { readonly preResolved: boolean },
): string {
  if (options.preResolved) return setPreResolvedLocal(scope, name, value);
  const { locals } = preResolved(scope);
  if (locals.has(name))
    throw new Error(`${scope.node.path}: the stack already has a local named ${name}`);
  const local = new TerraformLocal(scope, name, value);
  local.overrideLogicalId(name);
  return `\${local.${name}}`;
}
