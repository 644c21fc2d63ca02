export { diffProfiles, summariseChanges } from "./profile-diff";
