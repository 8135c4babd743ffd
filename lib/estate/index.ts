export * from "./schema";
export * from "./load";
export * from "./problems";
export { formatPath } from "./messages";
export { estateJsonSchema } from "./json-schema";
