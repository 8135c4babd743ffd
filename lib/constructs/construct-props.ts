import { Token } from "cdktf";
import type { z } from "zod";
import { validateProps } from "../estate/validation";

/**
 * Whether a value is an unresolved token (a TerraformVariable, a TerraformLocal, a resource's
 * attribute, or text that holds one): cdktf writes it into the stack as a Terraform reference.
 */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/**
 * Validates a construct's props: PropsValidationError names the construct and each property. The
 * props lib/estate/token-fields names may be tokens (they are not validated, and reach the stack
 * as references); a token anywhere else is a problem that says why the value must be literal.
 */
export function validateConstructProps<S extends z.ZodType>(
  schema: S,
  input: unknown,
  constructPath: string,
): z.output<S> {
  return validateProps(schema, input, constructPath, isToken);
}
