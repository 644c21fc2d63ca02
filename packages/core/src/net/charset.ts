import { TextDecoder } from "node:util";

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** The charset named by a Content-Type header, if any. */
export function charsetFromContentType(contentType: string): string | undefined {
  return /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1];
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a page: byte-order mark first, then the header charset, then a `<meta charset>` in the first
 * 1024 bytes (the HTML sniffing window), else UTF-8. Unknown labels fall through to the next source.
 */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const decoder =
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(META_CHARSET.exec(head)?.[1]) ??
    new TextDecoder();
  return decoder.decode(bytes);
}
