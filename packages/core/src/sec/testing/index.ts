export * from "./corpus";
export * from "./edgar-fixture-server";
