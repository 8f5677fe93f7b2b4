import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A sealed chain position: the row `seq` and its hash. */
export interface AnchorPoint {
  seq: number;
  hash: string;
}

export type AnchorEntry =
  { kind: 'anchor'; line: number; point: AnchorPoint } | { kind: 'forged' | 'unreadable'; line: number };

export interface AnchorReading {
  /** Lines whose MAC checks out, in file order (several processes append, so not necessarily by seq). */
  points: AnchorPoint[];
  /** Line numbers (1-based) that parse but whose MAC (or shape) is wrong: written by someone without the key. */
  forged: number[];
  /** Lines that do not parse (a write torn by a crash); skipped. */
  unreadable: number[];
}

/**
 * The audit chain's head, anchored outside the database (ADR 0006): an append-only file of JSON lines
 * `{"seq","hash","at","mac"}`, each MACed with the anchor key. Whoever can rewrite the database but not this file
 * (or not the key) cannot cut the chain back below the last anchored row or rewrite an anchored row unnoticed.
 *
 * Several server processes may share the file: each line is one write(2) on a descriptor opened with O_APPEND,
 * so lines land whole at the end whoever else appends; readers skip a line that does not parse (one being written,
 * or torn by a crash).
 */
export class AuditAnchor {
  private dirReady = false;

  constructor(
    readonly file: string,
    private readonly key: Buffer,
  ) {}

  private mac(seq: number, hash: string, at: string): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify(['linli-audit-anchor', seq, hash, at]))
      .digest('base64url');
  }

  async append(point: AnchorPoint, at: Date): Promise<void> {
    const when = at.toISOString();
    const line = Buffer.from(
      JSON.stringify({ seq: point.seq, hash: point.hash, at: when, mac: this.mac(point.seq, point.hash, when) }) + '\n',
    );
    if (!this.dirReady) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.dirReady = true;
    }
    const handle = await open(this.file, 'a', 0o600);
    try {
      const { bytesWritten } = await handle.write(line, 0, line.length);
      if (bytesWritten !== line.length) throw new Error(`audit anchor: short write to ${this.file}`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** Every line in file order, read as a stream (the file grows by a line per anchor interval, for years). */
  async *entries(): AsyncGenerator<AnchorEntry> {
    try {
      await stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing anchored yet
      throw error;
    }
    const input = createReadStream(this.file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let number = 0;
    try {
      for await (const line of lines) {
        number += 1;
        if (line.trim() !== '') yield this.parse(line, number);
      }
    } finally {
      lines.close();
      input.destroy();
    }
  }

  /** The whole file at once (tests, small files). */
  async read(): Promise<AnchorReading> {
    const reading: AnchorReading = { points: [], forged: [], unreadable: [] };
    for await (const entry of this.entries()) {
      if (entry.kind === 'anchor') reading.points.push(entry.point);
      else reading[entry.kind].push(entry.line);
    }
    return reading;
  }

  private parse(text: string, line: number): AnchorEntry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A write torn by a crash, or a line another process is writing this very moment.
      return { kind: 'unreadable', line };
    }
    const { seq, hash, at, mac } = (parsed ?? {}) as Record<string, unknown>;
    // Well-formed JSON of another shape is no torn write: it counts with the forgeries.
    if (
      typeof seq !== 'number' ||
      !Number.isSafeInteger(seq) ||
      typeof hash !== 'string' ||
      typeof at !== 'string' ||
      typeof mac !== 'string'
    ) {
      return { kind: 'forged', line };
    }
    const expected = Buffer.from(this.mac(seq, hash, at));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { kind: 'forged', line };
    return { kind: 'anchor', line, point: { seq, hash } };
  }
}
