export { describeChange, diffProfiles, meaningfulView, summariseChanges } from "./profile-diff";
