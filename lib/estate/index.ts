export * from "./schema";
export * from "./load";
export * from "./estate-error";
export * from "./validation";
export { MAX_ESTATE_BYTES } from "./read-estate-file";
export { MAX_ALIAS_COUNT, MAX_NESTING } from "./yaml-document";
export { formatPath } from "./messages";
export { estateJsonSchema } from "./json-schema";
