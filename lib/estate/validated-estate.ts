import type { Estate } from "./schema";

declare const VALIDATED_ESTATE: unique symbol;

/**
 * An estate the loader has validated as a whole: the schema, the checks across entries (a host
 * once in the whole estate) and the protection rules. The brand exists for the type checker only:
 * an estate built or changed by hand is a plain `Estate` and must be validated again (loadEstate,
 * parseEstate) before stacks can be built from it without checking its clusters once more.
 */
export type ValidatedEstate = Estate & { readonly [VALIDATED_ESTATE]: true };
