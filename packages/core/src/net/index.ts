export * from "./net";
export * as Net from "./net";
