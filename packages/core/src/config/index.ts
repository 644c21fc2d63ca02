export { SecFairAccessRps, secRequestsPerSecond } from "./sec";
export {
  type Environment,
  readSetting,
  type SettingName,
  type SettingScope,
  Settings,
  type SettingValue,
  settingsTable,
} from "./settings";
