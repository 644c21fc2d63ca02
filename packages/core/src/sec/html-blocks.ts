import { load } from "cheerio";
import { BlockElements } from "../html/block-elements";
import { assertReadablePage, type PageLimits } from "../html/page-shape";

/** A run of text between block boundaries (a paragraph, a heading, a line broken by `<br>`). */
export interface TextBlock {
  kind: "text";
  text: string;
}

/** One table row; each non-empty cell keeps its own lines (paragraphs inside the cell). */
export interface RowBlock {
  kind: "row";
  table: number;
  cells: string[][];
}

export type Block = TextBlock | RowBlock;

/** The parts of a domhandler node this module reads (cheerio does not re-export the types). */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const SKIPPED_TAGS = new Set(["script", "style", "head", "title", "ix:header", "noscript"]);
const FOOTNOTE_MARK = /^\s*(\(?\d{1,2}\)?|\([a-z]\)|[*†‡§]+)\s*$/;

/** Collapses every kind of whitespace (nbsp, zero-width, newlines) to one space. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, " ").trim();
}

function textOf(node: DomNode): string {
  if (node.type === "text") return node.data ?? "";
  return (node.children ?? []).map(textOf).join("");
}

function isHidden(node: DomNode): boolean {
  return /display\s*:\s*none/i.test(node.attribs?.style ?? "");
}

/** Walks a subtree into blocks; tables become rows, everything else text split at block edges. */
class Linearizer {
  readonly blocks: Block[] = [];
  private buffer = "";
  private tables = 0;

  walk(node: DomNode): void {
    for (const child of node.children ?? []) this.visit(child);
  }

  flush(): void {
    const text = normalizeSpace(this.buffer);
    if (text) this.blocks.push({ kind: "text", text });
    this.buffer = "";
  }

  private visit(node: DomNode): void {
    if (node.type === "text") {
      this.buffer += node.data ?? "";
      return;
    }
    // Comments, directives and script/style nodes (their own node types) carry no content.
    if (node.type !== "tag") return;
    const name = (node.name ?? "").toLowerCase();
    if (SKIPPED_TAGS.has(name) || isHidden(node)) return;
    // Footnote markers ("Jeff Zhu⁽¹⁾") are not part of names or titles.
    if (name === "sup" && FOOTNOTE_MARK.test(textOf(node))) return;
    if (name === "br") {
      this.flush();
      return;
    }
    if (name === "table") {
      this.flush();
      this.table(node);
      return;
    }
    if (BlockElements.has(name)) {
      this.flush();
      this.walk(node);
      this.flush();
      return;
    }
    this.walk(node);
  }

  private table(table: DomNode): void {
    const id = this.tables++;
    for (const row of rowsOf(table)) {
      const cells = (row.children ?? [])
        .filter((c) => c.type === "tag" && (c.name === "td" || c.name === "th"))
        .map((cell) => cellLines(cell))
        .filter((lines) => lines.length > 0);
      if (cells.length > 0) this.blocks.push({ kind: "row", table: id, cells });
    }
  }
}

/** Rows of this table only (not of tables nested in its cells). */
function rowsOf(table: DomNode): DomNode[] {
  const rows: DomNode[] = [];
  const visit = (node: DomNode) => {
    for (const child of node.children ?? []) {
      if (child.type !== "tag") continue;
      if (child.name === "tr") rows.push(child);
      else if (child.name !== "table") visit(child);
    }
  };
  visit(table);
  return rows;
}

function cellLines(cell: DomNode): string[] {
  const inner = new Linearizer();
  inner.walk(cell);
  inner.flush();
  return inner.blocks.map((b) => (b.kind === "text" ? b.text : b.cells.map((c) => c.join(" ")).join(" ")));
}

const FilingLimits: PageLimits = { maxDepth: 512, maxElements: Number.POSITIVE_INFINITY };

/** Parses HTML (a 10-K, a proxy statement) into text blocks and table rows in document order. */
export function htmlToBlocks(html: string): Block[] {
  // Filings are large but shallow; one nested past any real document is refused, not walked.
  assertReadablePage(html, "the filing", FilingLimits);
  const $ = load(html);
  const root = $.root()[0] as unknown as DomNode;
  const linearizer = new Linearizer();
  linearizer.walk(root);
  linearizer.flush();
  return linearizer.blocks;
}

/** The text of a block: a row's cells joined with " | ". */
export function blockText(block: Block): string {
  return block.kind === "text" ? block.text : block.cells.map((c) => c.join(" ")).join(" | ");
}
