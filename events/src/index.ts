export * from "./catalogue";
export * from "./company";
export type { DetailInput, DetailOf, EventDefinition } from "./define";
export * from "./envelope";
export * from "./errors";
export * from "./json-schema";
export * from "./rules";
export * from "./sources";
