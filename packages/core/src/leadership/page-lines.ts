import type { AnyNode, Element } from "domhandler";
import { BlockElements } from "../html/block-elements";
import { parseNameLine, stripPictureWords } from "./names";
import { cleanText } from "./normalize";
import { isTitleLine } from "./titles";

/** A short run of text as a reader sees it on the page, with where it sits in the DOM. */
export type Line = {
  text: string;
  kind: "heading" | "text" | "alt";
  /** Heading level 1–6; lines that only look like headings get 7. */
  level: number;
  /** Ancestor elements, outermost first; the depth two lines share tells whether they sit in one card. */
  path: readonly Element[];
};

/** A person marked up with microdata or RDFa, found in document order among the lines. */
export type MarkedPerson = { name: string; title: string; organization?: string; path: readonly Element[] };

export type PageItem = { line: Line } | { marked: MarkedPerson };

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "nav",
  "footer",
  "form",
  "select",
  "iframe",
  "blockquote",
  "q",
  "cite",
  "head",
  "object",
  "video",
  "audio",
  "canvas",
  "menu",
]);
const HEADING = /^h([1-6])$/;
const NOISE_CLASS = /testimonial|cookie|breadcrumb|share-links|social-links/i;
const SECTION_ROOTS = new Set(["main", "article", "section"]);

const isElement = (node: AnyNode): node is Element =>
  node.type === "tag" || node.type === "script" || node.type === "style";

function attr(el: Element, name: string): string {
  return el.attribs[name] ?? "";
}

function skipped(el: Element, path: readonly Element[]): boolean {
  if (SKIP.has(el.name)) return true;
  if (el.name === "header" && !path.some((a) => SECTION_ROOTS.has(a.name))) return true;
  if (/^(?:navigation|banner|contentinfo|search)$/.test(attr(el, "role"))) return true;
  if ("hidden" in el.attribs || attr(el, "aria-hidden") === "true") return true;
  return NOISE_CLASS.test(`${attr(el, "class")} ${attr(el, "id")}`);
}

const blockCache = new WeakMap<Element, boolean>();
function hasBlock(el: Element): boolean {
  const cached = blockCache.get(el);
  if (cached !== undefined) return cached;
  const result = el.children.some((c) => isElement(c) && (BlockElements.has(c.name) || hasBlock(c)));
  blockCache.set(el, result);
  return result;
}

/** Text of a node; line breaks and nested blocks become " | " so name and title stay apart. */
export function textOf(node: AnyNode): string {
  if (node.type === "text") return (node as unknown as { data: string }).data;
  if (!isElement(node) || SKIP.has(node.name)) return "";
  if (node.name === "br") return " | ";
  const inner = node.children.map(textOf).join("");
  return BlockElements.has(node.name) ? ` | ${inner} | ` : inner;
}

function tidy(text: string): string {
  return cleanText(text)
    .replace(/(?:\s*\|\s*)+/g, " | ")
    .replace(/^\s*\|\s*|\s*\|\s*$/g, "");
}

const isPersonType = (el: Element): boolean =>
  /schema\.org\/Person\/?$/i.test(attr(el, "itemtype")) ||
  /(?:^|\s|:)Person(?:\s|$)/.test(attr(el, "typeof"));

function findProp(el: Element, names: readonly string[]): string | undefined {
  for (const child of el.children) {
    if (!isElement(child)) continue;
    const props = `${attr(child, "itemprop")} ${attr(child, "property")}`
      .split(/\s+/)
      .map((p) => p.replace(/^schema:/, ""));
    if (names.some((n) => props.includes(n))) {
      const value = attr(child, "content") || tidy(textOf(child)).replace(/ \| /g, " ");
      if (value) return value;
    }
    // A nested item (worksFor Organization) owns its own name; do not read it as the person's.
    if (!("itemscope" in child.attribs) && !child.attribs.typeof) {
      const found = findProp(child, names);
      if (found) return found;
    }
  }
  return undefined;
}

function markedPerson(el: Element, path: readonly Element[]): MarkedPerson | undefined {
  const name =
    findProp(el, ["name"]) ??
    [findProp(el, ["givenName"]), findProp(el, ["familyName"])].filter(Boolean).join(" ").trim();
  if (!name) return undefined;
  const worksFor = el.children
    .filter(isElement)
    .flatMap((c) => (/\bworksFor\b/.test(`${attr(c, "itemprop")} ${attr(c, "property")}`) ? [c] : []))[0];
  const organization = worksFor ? (findProp(worksFor, ["name"]) ?? tidy(textOf(worksFor))) : undefined;
  return { name: cleanText(name), title: cleanText(findProp(el, ["jobTitle"]) ?? ""), organization, path };
}

/**
 * Flattens the readable part of a page (navigation, footers, scripts, quotes and hidden parts removed) into
 * lines in reading order, plus people marked up with microdata/RDFa.
 */
export function pageItems(root: AnyNode[]): PageItem[] {
  const items: PageItem[] = [];
  const pushLine = (text: string, kind: Line["kind"], level: number, path: readonly Element[]) => {
    const clean = tidy(text);
    if (clean) items.push({ line: { text: clean, kind, level, path } });
  };
  const pushAlts = (nodes: AnyNode[], path: readonly Element[]) => {
    for (const node of nodes) {
      if (!isElement(node) || SKIP.has(node.name)) continue;
      if (node.name === "img" || (node.name === "input" && attr(node, "type") === "image")) {
        const alt = stripPictureWords(attr(node, "alt"));
        if (alt && parseNameLine(alt)) pushLine(alt, "alt", 7, path);
      } else {
        pushAlts(node.children, path);
      }
    }
  };
  const pushRun = (run: AnyNode[], path: readonly Element[]) => {
    if (run.length === 0) return;
    pushAlts(run, path);
    // Two elements with nothing between them (<span>CEO</span><span>Jane Doe</span>) are two pieces of text.
    const whole = tidy(
      run
        .map((node, i) =>
          i > 0 && isElement(node) && isElement(run[i - 1] as AnyNode) ? ` | ${textOf(node)}` : textOf(node),
        )
        .join(""),
    );
    const wordCount = whole.split(" ").length;
    // Short runs made of several elements (<b>Jane Doe</b><span>CFO</span>) are read element by element
    // unless the run already reads as one name, one "name, title" or one title.
    const elements = run.filter((n) => isElement(n) && n.name !== "br");
    if (wordCount > 16 || elements.length < 2 || parseNameLine(whole) || isTitleLine(whole)) {
      pushLine(whole, "text", 7, path);
      return;
    }
    let pending = "";
    for (const node of run) {
      if (isElement(node)) {
        if (pending.trim()) pushLine(pending, "text", 7, path);
        pending = "";
        if (node.name !== "br") pushLine(textOf(node), "text", 7, path);
      } else {
        pending += textOf(node);
      }
    }
    if (pending.trim()) pushLine(pending.replace(/^[\s,–—:-]+/, ""), "text", 7, path);
  };

  const walk = (nodes: AnyNode[], path: readonly Element[]) => {
    let run: AnyNode[] = [];
    const flush = () => {
      pushRun(run, path);
      run = [];
    };
    for (const node of nodes) {
      if (node.type === "text") {
        run.push(node);
        continue;
      }
      if (!isElement(node)) continue;
      if (skipped(node, path)) {
        flush();
        continue;
      }
      const here = [...path, node];
      if ("itemscope" in node.attribs || node.attribs.typeof) {
        if (isPersonType(node)) {
          flush();
          const person = markedPerson(node, here);
          if (person) items.push({ marked: person });
          continue;
        }
      }
      const heading = HEADING.exec(node.name);
      if (heading) {
        flush();
        pushAlts(node.children, here);
        pushLine(textOf(node), "heading", Number(heading[1]), here);
      } else if (node.name === "img") {
        flush();
        pushAlts([node], here);
      } else if (BlockElements.has(node.name) || hasBlock(node)) {
        flush();
        walk(node.children, here);
      } else {
        run.push(node);
      }
    }
    flush();
  };
  walk(root, []);
  return items;
}

/** How many ancestors two lines share: the deeper, the more likely they belong to the same card. */
export function sharedDepth(a: readonly Element[], b: readonly Element[]): number {
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++;
  return depth;
}
