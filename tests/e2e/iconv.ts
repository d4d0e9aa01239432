// Encoding test files as Hebrew Excel writes them (Node has no Windows-1255 encoder).
import { Buffer } from 'node:buffer';

/** Windows-1255: ASCII as is, the Hebrew letters א–ת at 0xE0–0xFA. */
export function windows1255(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x5d0 && code <= 0x5ea) bytes.push(code - 0x5d0 + 0xe0);
    else throw new Error(`not in this test encoder: ${ch}`);
  }
  return Buffer.from(bytes);
}

/** UTF-16 little-endian with its byte-order mark, as Excel's "Unicode text". */
export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
