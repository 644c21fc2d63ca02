export { BedrockLeadershipAnswer, extractWithBedrock, TOOL_NAME } from "./bedrock";
export { COMPLETENESS_WEIGHTS, type CompletenessItem, leadershipCompleteness } from "./completeness";
export {
  findLeadershipLinks,
  type LeadershipCandidate,
  parseSitemap,
  rankSitemapPages,
  scoreLeadershipLink,
} from "./discover";
export { dedupePeople, extractPeople } from "./extract";
export {
  type ExtractLeadershipOptions,
  extractLeadershipPart,
  type LeadershipPartResult,
  type LeadershipRequest,
} from "./extract-part";
export { nameMatchScore, sameperson } from "./name-match";
export { isPlausibleName, parseNameLine } from "./names";
export { type ParsedLeadershipPage, parseLeadershipPage } from "./parse-page";
export { ExtractionMethod, LeadershipPart, LeadershipPerson, PersonCategory } from "./schema";
export { classifySection, type SectionKind } from "./sections";
export { canonicalRoles, isBoardTitle, isTitleLine, ROLES, type Role } from "./titles";
