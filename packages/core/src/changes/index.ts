export { diffProfiles, meaningfulView, summariseChanges } from "./profile-diff";
