import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A sealed chain position: the row `seq` and its hash. */
export interface AnchorPoint {
  seq: number;
  hash: string;
}

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
 * so lines land whole at the end whoever else appends; readers skip a last line still being written.
 */
export class AuditAnchor {
  private dirReady = false;

  constructor(readonly file: string, private readonly key: Buffer) {}

  private mac(seq: number, hash: string, at: string): string {
    return createHmac('sha256', this.key).update(JSON.stringify(['linli-audit-anchor', seq, hash, at])).digest('base64url');
  }

  async append(point: AnchorPoint, at: Date): Promise<void> {
    const when = at.toISOString();
    const line = Buffer.from(JSON.stringify({ seq: point.seq, hash: point.hash, at: when, mac: this.mac(point.seq, point.hash, when) }) + '\n');
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

  async read(): Promise<AnchorReading> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { points: [], forged: [], unreadable: [] };
      throw error;
    }
    const lines = text.split('\n');
    lines.pop(); // after the last newline: empty, or a line another process is writing right now
    const reading: AnchorReading = { points: [], forged: [], unreadable: [] };
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        reading.unreadable.push(index + 1);
        return;
      }
      const { seq, hash, at, mac } = (parsed ?? {}) as Record<string, unknown>;
      // Well-formed JSON of another shape is no torn write: count it with the forgeries.
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || typeof hash !== 'string' || typeof at !== 'string' || typeof mac !== 'string') {
        reading.forged.push(index + 1);
        return;
      }
      const expected = Buffer.from(this.mac(seq, hash, at));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) reading.forged.push(index + 1);
      else reading.points.push({ seq, hash });
    });
    return reading;
  }
}
