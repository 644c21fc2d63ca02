// Writes the settings table of docs/configuration.md from the settings module (npm run docs:settings).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { settingsTable } from "@dossier/core/config";

const page = path.join(import.meta.dirname, "..", "docs", "configuration.md");
const start = "<!-- settings:start -->";
const end = "<!-- settings:end -->";
const text = readFileSync(page, "utf8");
const before = text.slice(0, text.indexOf(start) + start.length);
const after = text.slice(text.indexOf(end));
if (!text.includes(start) || !text.includes(end)) throw new Error(`${page} has no ${start} … ${end} block`);
writeFileSync(page, `${before}\n${settingsTable()}\n${after}`);
