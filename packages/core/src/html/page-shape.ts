import { DossierError } from "@dossier/events";

/** Elements that never have content, so they open no level of nesting. */
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements HTML closes by itself at the next sibling, so pages rarely close them. */
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead"]);
/** Elements whose content is text, not markup, up to their own closing tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

export interface PageLimits {
  /** Nesting depth; browsers' parsers stop nesting at 512 levels too. */
  maxDepth: number;
  /** Elements in the whole page. */
  maxElements: number;
}

/** What a leadership page may hold: far more than any real page, far less than a hostile one. */
export const WebPageLimits: PageLimits = { maxDepth: 512, maxElements: 60_000 };

/** A page whose markup would cost far more to read than any real page: too deep or too large. */
export class PageTooComplexError extends DossierError {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`not reading ${url}: ${reason}`, { retryable: false });
  }
}

export interface PageShape {
  depth: number;
  elements: number;
}

/**
 * Measures how deeply a page nests its elements and how many it has, in one pass over the text
 * without building a tree, and stops as soon as either passes its limit. Cheap enough to run on
 * every page before a parser spends memory and time proportional to the markup's shape.
 */
export function measurePage(html: string, limits: PageLimits = WebPageLimits): PageShape {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  const lower = html.toLowerCase();
  let at = html.indexOf("<");
  while (at !== -1 && at < html.length) {
    if (html.startsWith("<!--", at)) {
      const end = html.indexOf("-->", at + 4);
      at = end === -1 ? -1 : html.indexOf("<", end + 3);
      continue;
    }
    const close = html.charCodeAt(at + 1) === 0x2f;
    const nameStart = close ? at + 2 : at + 1;
    let nameEnd = nameStart;
    while (nameEnd < html.length && /[A-Za-z0-9-]/.test(html.charAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tagEnd = html.indexOf(">", nameEnd);
    if (name === "" || tagEnd === -1) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    if (close) {
      if (!SELF_CLOSING_SIBLINGS.has(name) && !VOID_ELEMENTS.has(name) && depth > 0) depth--;
    } else {
      elements++;
      const selfClosed = html.charCodeAt(tagEnd - 1) === 0x2f;
      if (!VOID_ELEMENTS.has(name) && !SELF_CLOSING_SIBLINGS.has(name) && !selfClosed) {
        depth++;
        if (depth > deepest) deepest = depth;
      }
      if (RAW_TEXT.has(name)) {
        const end = lower.indexOf(`</${name}`, tagEnd);
        if (end === -1) break;
        at = end;
        continue;
      }
    }
    if (deepest > limits.maxDepth || elements > limits.maxElements) break;
    at = html.indexOf("<", tagEnd + 1);
  }
  return { depth: deepest, elements };
}

/** Throws PageTooComplexError when a page is deeper or larger than the limits allow. */
export function assertReadablePage(html: string, url: string, limits: PageLimits = WebPageLimits): void {
  const shape = measurePage(html, limits);
  if (shape.depth > limits.maxDepth)
    throw new PageTooComplexError(url, `its elements nest more than ${limits.maxDepth} levels deep`);
  if (shape.elements > limits.maxElements)
    throw new PageTooComplexError(url, `it has more than ${limits.maxElements} elements`);
}
