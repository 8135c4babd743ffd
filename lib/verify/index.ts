export * from "./observation";
export * from "./instances";
export * from "./run-verify";
export * from "./compare";
export * from "./verify-finding-text";
export * from "./drift-report";
export * from "./verify-stack";
