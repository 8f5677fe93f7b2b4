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
 * `afterChunk` runs after each chunk is parsed: when it returns a promise, reading pauses until it settles (the
 * caller's work on the rows so far; a rejection ends reading with that error), and that time does not count
 * against the deadline.
 */
export async function parsePart(
  zip: ZipFile,
  entry: Entry,
  maxBytes: number,
  limits: XlsxReadLimits,
  handlers: XmlHandlers,
  stopped: () => boolean = () => false,
  afterChunk?: AfterChunk,
): Promise<void> {
  if (entry.uncompressedSize > maxBytes)
    throw new XlsxLimitError(
      'size',
      `${entry.fileName} unpacks to ${mb(entry.uncompressedSize)} (limit ${mb(maxBytes)})`,
    );
  const parser = saxParser(handlers);
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const paused = { ms: 0 };
  const count = chunkBudget(entry.fileName, maxBytes, limits.deadline, paused);
  await feed(stream, parser, { count, stopped, afterChunk, paused }, entry.fileName);
}

/**
 * How many elements named `name` (with any namespace prefix) a part has, by a quick scan of its inflated bytes
 * within the same caps as parsePart: an upper bound (a tag inside a comment or CDATA section counts too).
 */
export async function countElements(
  zip: ZipFile,
  entry: Entry,
  name: string,
  maxBytes: number,
  limits: XlsxReadLimits,
): Promise<number> {
  if (entry.uncompressedSize > maxBytes)
    throw new XlsxLimitError(
      'size',
      `${entry.fileName} unpacks to ${mb(entry.uncompressedSize)} (limit ${mb(maxBytes)})`,
    );
  const budget = chunkBudget(entry.fileName, maxBytes, limits.deadline, { ms: 0 });
  const tag = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}[\\s/>]`, 'g');
  const stream: Readable = await zip.openReadStreamPromise(entry);
  let found = 0;
  let carried = ''; // the end of the previous chunk, for a tag split between two chunks
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget(chunk);
      const text = carried + chunk.toString('latin1'); // tags are ASCII; other bytes only need to stay other
      for (let m = tag.exec(text); m; m = tag.exec(text)) if (m.index + m[0].length > carried.length) found += 1;
      tag.lastIndex = 0;
      carried = text.slice(-256);
    }
  } catch (error) {
    throw error instanceof Error && /too many bytes/.test(error.message)
      ? new XlsxLimitError('size', `${entry.fileName} is larger than its zip header says`)
      : error;
  }
  return found;
}

/** Called after each parsed chunk; a promise returned pauses reading until it settles. */
export type AfterChunk = () => Promise<void> | void;

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
function chunkBudget(
  name: string,
  maxBytes: number,
  deadline: number,
  paused: { ms: number },
): (chunk: Buffer) => void {
  let inflated = 0;
  let sinceMarkup = 0;
  return (chunk) => {
    inflated += chunk.length;
    if (inflated > maxBytes) throw new XlsxLimitError('size', `${name} unpacks to more than ${mb(maxBytes)}`);
    if (performance.now() - paused.ms > deadline) throw new XlsxLimitError('time', 'reading the file took too long');
    const lastMarkup = chunk.lastIndexOf(0x3c); // '<' never occurs inside a UTF-8 multi-byte sequence
    sinceMarkup = lastMarkup < 0 ? sinceMarkup + chunk.length : chunk.length - lastMarkup - 1;
    if (sinceMarkup > MAX_TOKEN_BYTES)
      throw new XlsxLimitError('size', `${name} has a value longer than ${mb(MAX_TOKEN_BYTES)}`);
  };
}

interface FeedSteps {
  count: (chunk: Buffer) => void;
  stopped: () => boolean;
  afterChunk: AfterChunk | undefined;
  /** Time spent waiting for `afterChunk`'s promises (not counted against the deadline). */
  paused: { ms: number };
}

/**
 * Decodes and parses the stream chunk by chunk until it ends, `stopped()` says so, or a check throws. While an
 * `afterChunk` promise is pending the stream is paused, and a chunk that still arrives waits in `backlog`.
 */
function feed(stream: Readable, parser: SaxesParser, steps: FeedSteps, name: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return new Promise<void>((resolve, reject) => {
    let done = false;
    let waiting = false;
    let ended = false;
    const backlog: Buffer[] = [];
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
    const pauseFor = (wait: Promise<void>) => {
      waiting = true;
      stream.pause();
      const since = performance.now();
      wait.then(() => {
        steps.paused.ms += performance.now() - since;
        waiting = false;
        stream.resume();
        drain();
      }, finish);
    };
    // Parses what has arrived unless waiting; once the stream has ended and all is parsed, closes the parser.
    const drain = () => {
      try {
        while (!done && !waiting && backlog.length) {
          const chunk = backlog.shift()!;
          steps.count(chunk);
          parser.write(decoder.decode(chunk, { stream: true }));
          if (steps.stopped()) return finish();
          const wait = steps.afterChunk?.();
          if (wait) pauseFor(wait);
        }
        if (done || waiting || !ended) return;
        parser.write(decoder.decode());
        parser.close();
        finish();
      } catch (error) {
        finish(error);
      }
    };
    stream.on('data', (chunk: Buffer) => {
      backlog.push(chunk);
      drain();
    });
    stream.once('error', finish);
    stream.once('end', () => {
      ended = true;
      drain();
    });
  });
}
