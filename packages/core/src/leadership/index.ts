export * from "./leadership";
export * as Leadership from "./leadership";
