import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import type { Entry, ZipFile } from 'yauzl';

// One part of an .xlsx zip, inflated as a stream through a UTF-8 decoder into a SAX parser, within the reader's caps
// (xlsx-reader.ts): the bytes actually inflated, the length of any one token, and the wall-clock deadline.

export interface XlsxReadLimits {
  /** Largest uncompressed worksheet XML, declared or actual. */
  maxSheetBytes: number;
  /** Largest uncompressed shared-strings part (it is held in memory while the sheet is read). */
  maxSharedStringsBytes: number;
  maxSharedStrings: number;
  /** performance.now() after which reading stops. */
  deadline: number;
}

/** The file is over a size or time budget; `limit` says which. */
export class XlsxLimitError extends Error {
  constructor(
    readonly limit: 'size' | 'time',
    message: string,
  ) {
    super(message);
  }
}

/** No text node or tag is longer than this in a real workbook (Excel caps a cell at 32,767 characters). */
const MAX_TOKEN_BYTES = 1024 * 1024;

export const mb = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** OOXML escapes characters XML cannot carry as _xHHHH_. */
export function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

type TagHandler = (name: string, attributes: Record<string, string>) => void;
export interface XmlHandlers {
  open?: TagHandler;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Streams one zip entry through a UTF-8 decoder into a SAX parser. Stops with XlsxLimitError when the inflated
 * bytes pass `maxBytes`, a token runs past MAX_TOKEN_BYTES or the deadline passes; `stopped()` true ends early.
 */
export async function parsePart(
  zip: ZipFile,
  entry: Entry,
  maxBytes: number,
  limits: XlsxReadLimits,
  handlers: XmlHandlers,
  stopped: () => boolean = () => false,
): Promise<void> {
  if (entry.uncompressedSize > maxBytes)
    throw new XlsxLimitError(
      'size',
      `${entry.fileName} unpacks to ${mb(entry.uncompressedSize)} (limit ${mb(maxBytes)})`,
    );
  const parser = saxParser(handlers);
  const stream: Readable = await zip.openReadStreamPromise(entry);
  await feed(stream, parser, chunkBudget(entry.fileName, maxBytes, limits.deadline), stopped, entry.fileName);
}

function saxParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on('error', (error) => {
    throw error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  return parser;
}

/** Counts each inflated chunk against the part's caps; throws XlsxLimitError when one is passed. */
function chunkBudget(name: string, maxBytes: number, deadline: number): (chunk: Buffer) => void {
  let inflated = 0;
  let sinceMarkup = 0;
  return (chunk) => {
    inflated += chunk.length;
    if (inflated > maxBytes) throw new XlsxLimitError('size', `${name} unpacks to more than ${mb(maxBytes)}`);
    if (performance.now() > deadline) throw new XlsxLimitError('time', 'reading the file took too long');
    const lastMarkup = chunk.lastIndexOf(0x3c); // '<' never occurs inside a UTF-8 multi-byte sequence
    sinceMarkup = lastMarkup < 0 ? sinceMarkup + chunk.length : chunk.length - lastMarkup - 1;
    if (sinceMarkup > MAX_TOKEN_BYTES)
      throw new XlsxLimitError('size', `${name} has a value longer than ${mb(MAX_TOKEN_BYTES)}`);
  };
}

/** Decodes and parses the stream chunk by chunk until it ends, `stopped()` says so, or a check throws. */
function feed(
  stream: Readable,
  parser: SaxesParser,
  count: (chunk: Buffer) => void,
  stopped: () => boolean,
  name: string,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      stream.destroy();
      if (error)
        reject(
          error instanceof Error && /too many bytes/.test(error.message)
            ? new XlsxLimitError('size', `${name} is larger than its zip header says`)
            : error,
        );
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        count(chunk);
        parser.write(decoder.decode(chunk, { stream: true }));
        if (stopped()) finish();
      } catch (error) {
        finish(error);
      }
    });
    stream.once('error', finish);
    stream.once('end', () => {
      try {
        parser.write(decoder.decode());
        parser.close();
        finish();
      } catch (error) {
        finish(error);
      }
    });
  });
}
