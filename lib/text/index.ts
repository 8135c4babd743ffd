export * from "./counts";
export * from "./markdown";
export * from "./split-markdown";
