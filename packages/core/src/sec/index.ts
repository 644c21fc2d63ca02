export * from "./client";
export * from "./companyfacts";
export * from "./completeness";
export * from "./errors";
export * from "./executives";
export * from "./extract";
export * from "./identity";
export * from "./submissions";
