import { InvalidEventPatternError } from "./errors";

/**
 * The most `*` one wildcard operand may hold. EventBridge refuses wildcard patterns whose matching
 * could visit too many states ("Rule is too complex"); past five stars in one value is where its
 * answer starts, so the local bus refuses the same rules instead of accepting ones that cannot
 * be deployed.
 */
export const MAX_WILDCARDS = 5;

/** Byte offset of a pattern character as AWS reports it: UTF-8, counting the opening quote. */
const bytePosition = (text: string, index: number): number => 1 + Buffer.byteLength(text.slice(0, index));

/**
 * A compiled `wildcard` operand: `*` matches any run of characters (also none), `\*` is a literal
 * star and `\\` a literal backslash.
 */
export class Wildcard {
  /** Literal pieces between the stars; one piece means there is no star at all. */
  private readonly pieces: readonly string[];
  private readonly minLength: number;

  constructor(text: string) {
    const pieces: string[] = [];
    let piece = "";
    for (let i = 0; i < text.length; i++) {
      const char = text.charAt(i);
      if (char === "*") {
        if (text.charAt(i + 1) === "*") {
          throw new InvalidEventPatternError(
            `Consecutive wildcard characters at pos ${bytePosition(text, i)}`,
          );
        }
        pieces.push(piece);
        piece = "";
      } else if (char === "\\") {
        const next = text.charAt(i + 1);
        if (next !== "*" && next !== "\\") {
          throw new InvalidEventPatternError(`Invalid escape character at pos ${bytePosition(text, i)}`);
        }
        piece += next;
        i++;
      } else {
        piece += char;
      }
    }
    pieces.push(piece);
    if (pieces.length - 1 > MAX_WILDCARDS) {
      throw new InvalidEventPatternError(
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
      );
    }
    this.pieces = pieces;
    this.minLength = pieces.reduce((sum, p) => sum + p.length, 0);
  }

  matches(value: string): boolean {
    const pieces = this.pieces;
    const last = pieces.length - 1;
    const first = pieces[0] as string;
    if (last === 0) return value === first;
    if (value.length < this.minLength) return false;
    const tail = pieces[last] as string;
    if (!value.startsWith(first) || !value.endsWith(tail)) return false;
    // Leftmost placement of each middle piece is optimal for a star-only glob.
    let at = first.length;
    const end = value.length - tail.length;
    for (let i = 1; i < last; i++) {
      const piece = pieces[i] as string;
      const found = value.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  }
}
