import "server-only";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * A minimal ZIP writer and reader for the question bank's export and import (no dependency: the
 * format is small and node:zlib does the compression). Writes deflated entries with UTF-8 names;
 * reads stored or deflated entries, refuses encrypted, split and ZIP64 archives, and caps the
 * unpacked size so a crafted archive cannot exhaust memory.
 */

export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;

export function createZip(entries: ZipEntry[], modified = new Date()): Uint8Array<ArrayBuffer> {
  const { time, date } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, "utf8");
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.byteLength, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(0x031e, 4); // made by: Unix, spec 3.0, so the mode bits below are honoured
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.byteLength, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

export class ZipError extends Error {}

export interface ReadZipLimits {
  maxEntries?: number;
  maxTotalBytes?: number;
}

/** The files of an archive (directories skipped). Throws ZipError with a readable reason. */
export function readZip(bytes: Uint8Array, limits: ReadZipLimits = {}): ZipEntry[] {
  const maxEntries = limits.maxEntries ?? 2_000;
  let budget = limits.maxTotalBytes ?? 20 * 1024 * 1024;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endAt = findEnd(buf);
  const count = buf.readUInt16LE(endAt + 10);
  const centralOffset = buf.readUInt32LE(endAt + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new ZipError("ZIP64 archives are not supported.");
  if (count > maxEntries) throw new ZipError(`The archive has ${count} entries; at most ${maxEntries} are accepted.`);

  const entries: ZipEntry[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw new ZipError("The archive is damaged (central directory).");
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const path = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (path.endsWith("/")) continue;
    if (flags & 0x1) throw new ZipError(`${path} is encrypted; export the archive without a password.`);
    if (method !== 0 && method !== 8) throw new ZipError(`${path} uses compression method ${method}; only stored and deflated files are supported.`);
    if (size > budget) throw new ZipError(`The archive unpacks to more than ${limits.maxTotalBytes ?? 20 * 1024 * 1024} bytes.`);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw new ZipError(`The archive is damaged (${path}).`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    if (raw.length !== compressedSize) throw new ZipError(`The archive is truncated (${path}).`);
    let data: Buffer;
    try {
      data = method === 0 ? Buffer.from(raw) : inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    } catch {
      throw new ZipError(`${path} could not be unpacked.`);
    }
    if (data.length !== size || crc32(data) !== crc) throw new ZipError(`${path} is damaged (checksum mismatch).`);
    budget -= size;
    entries.push({ path, data: new Uint8Array(data) });
  }
  return entries;
}

function findEnd(buf: Buffer): number {
  if (buf.length < 22) throw new ZipError("This is not a ZIP archive.");
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === END) {
      if (buf.readUInt16LE(i + 4) !== 0 || buf.readUInt16LE(i + 6) !== 0) throw new ZipError("Split archives are not supported.");
      return i;
    }
  }
  throw new ZipError("This is not a ZIP archive.");
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
