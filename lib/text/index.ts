export * from "./counts";
export * from "./markdown";
