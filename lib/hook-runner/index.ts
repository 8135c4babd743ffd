export * from "./run-read-only-hook";
export * from "./hook-context";
export * from "./answer-json";
