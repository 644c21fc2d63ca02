/** One group of a robots.txt file: the user agents it names and its Allow/Disallow rules. */
type RobotsGroup = { agents: string[]; rules: { allow: boolean; pattern: string }[] };

/** Parsed robots.txt rules, queried per path. */
export type RobotsRules = { isAllowed(path: string, userAgentToken: string): boolean };

function parseGroups(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const field = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? "").trim();
    if (field === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if ((field === "allow" || field === "disallow") && current) {
      // An empty Disallow means "allow everything" and matches nothing.
      if (value !== "") current.rules.push({ allow: field === "allow", pattern: value });
      lastWasAgent = false;
    } else {
      lastWasAgent = false;
    }
  }
  return groups;
}

function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`);
}

/**
 * Parses robots.txt (RFC 9309): the group naming our product token wins over `*`; the longest matching
 * rule decides, and Allow wins a tie.
 */
export function parseRobots(text: string): RobotsRules {
  const groups = parseGroups(text);
  return {
    isAllowed(path, userAgentToken) {
      const token = userAgentToken.toLowerCase();
      const own = groups.filter((g) => g.agents.some((a) => a !== "*" && token.includes(a)));
      const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes("*"));
      let best: { allow: boolean; length: number } | undefined;
      for (const rule of chosen.flatMap((g) => g.rules)) {
        if (!patternToRegExp(rule.pattern).test(path)) continue;
        const length = rule.pattern.length;
        if (!best || length > best.length || (length === best.length && rule.allow)) {
          best = { allow: rule.allow, length };
        }
      }
      return best?.allow ?? true;
    },
  };
}

/** Rules for a site whose robots.txt could not be read because the server failed (RFC 9309: assume full disallow). */
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false };
/** Rules for a site without robots.txt. */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true };
