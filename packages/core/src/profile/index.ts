export { companyIdFor, companyIdResolvedBy, registrableDomain } from "./company-id";
export {
  appendPartToLatest,
  type LatestDocument,
  LatestDocumentContentionError,
  setProfileInLatest,
} from "./latest-document";
export {
  type MergedExecutive,
  type MergedProfile,
  mergeProfile,
  type PartDocument,
  PartWeights,
  profileCompleteness,
  type ValueSource,
} from "./merge";
export { type JsonObject, ObjectStore, ProfileKeys, RunHistoryTag } from "./object-store";
export {
  listStoredProfiles,
  readStoredProfiles,
  type StoredProfile,
  storedCompaniesWithTicker,
} from "./stored-profiles";
