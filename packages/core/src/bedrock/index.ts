export {
  type AnswerCache,
  answerCacheKey,
  BedrockAnswerError,
  type BedrockOptions,
  callTool,
  type ToolCallRequest,
} from "./tool-call";
