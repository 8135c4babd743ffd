export * from "./inventory-answer";
export * from "./run-inventory";
export * from "./discovery";
export * from "./edit-estate-text";
export type { HostsEdit } from "./hosts-editor";
export * from "./render-discovery";
