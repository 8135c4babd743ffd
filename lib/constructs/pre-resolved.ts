import { TerraformResource, TerraformStack } from "cdktf";

/*
 * cdktf resolves every value of a stack three times during synth, visiting each string with
 * token regexes. For a host inventory of 20,000 entries that is most of the synth time, and
 * it is wasted: the inventory holds validated plain strings, never tokens. A value registered
 * here skips resolution and is placed into the stack's JSON after cdktf is done with it.
 * It works in any stack (library users compose our constructs in stacks of their own), which is
 * why it wraps the stack's toTerraform() rather than asking for a subclass.
 */

interface PreResolvedAttribute {
  readonly resource: TerraformResource;
  readonly attribute: string;
  readonly value: unknown;
}

const registry = new WeakMap<TerraformStack, PreResolvedAttribute[]>();

export function setPreResolvedAttribute(
  resource: TerraformResource,
  attribute: string,
  value: unknown,
): void {
  const stack = TerraformStack.of(resource);
  let attributes = registry.get(stack);
  if (!attributes) {
    attributes = [];
    registry.set(stack, attributes);
    const toTerraform = stack.toTerraform.bind(stack);
    const entries = attributes;
    stack.toTerraform = () => {
      const config = toTerraform();
      for (const entry of entries) {
        const block =
          config.resource?.[entry.resource.terraformResourceType]?.[
            entry.resource.friendlyUniqueId
          ];
        if (!block)
          throw new Error(`${entry.resource.node.path} is missing from the synthesized stack`);
        block[entry.attribute] = entry.value;
      }
      return config;
    };
  }
  attributes.push({ resource, attribute, value });
}
