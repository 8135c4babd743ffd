export * from "./counts";
export * from "./markdown";
export * from "./printable";
export * from "./split-markdown";
