// Lists the entries of a zip file (a .vsix) from its central directory: no unzip binary needed.
import { readFileSync } from "node:fs";

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
}

const endOfCentralDirectorySignature = 0x06054b50;
const centralDirectoryEntrySignature = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const endRecordSearchWindow = 22 + 0xffff;

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - endRecordSearchWindow);
  for (let offset = zip.length - 22; offset >= lowest; offset--) {
    if (zip.readUInt32LE(offset) === endOfCentralDirectorySignature) return offset;
  }
  throw new Error("not a zip file: no end of central directory record");
}

export function listZipEntries(path: string): ZipEntry[] {
  const zip = readFileSync(path);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== centralDirectoryEntrySignature) throw new Error(`bad central directory entry ${index}`);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    entries.push({ name, compressedSize, size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
