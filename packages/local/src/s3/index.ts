export { type ConditionalProxy, startConditionalProxy } from "./conditional-proxy";
export { type LocalS3, type LocalS3Options, startLocalS3 } from "./server";
