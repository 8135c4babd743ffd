// The package: the library (lib/), the stacks built on it (stacks/) and the estate → stacks step
// the commands use (app/).
export * from "./lib";
export * from "./stacks";
export { loadEstate, parseEstate, checkEstate, type LoadedEstate } from "./app/load-estate";
export { synthesizeEstate, type SynthesizedStack } from "./app/synthesize-estate";
export { EXAMPLE_ESTATE_FILE, estateFileFromEnvironment } from "./app/estate-file";
export {
  main as planReviewMain,
  parseArguments,
  reviewCommand,
  USAGE,
} from "./app/plan-review-cli";
export type { ParsedArguments } from "./app/plan-review-cli";
