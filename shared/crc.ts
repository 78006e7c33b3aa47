// CRC-32 (IEEE 802.3, as zlib): native E.CRC32 on Espruino, a table-free loop elsewhere.
// Both return the same unsigned value; log records and the stored config carry it.

declare const E: { CRC32(data: ArrayLike<number>): number } | undefined;

const NATIVE = typeof E !== 'undefined' && typeof E.CRC32 === 'function';

export function crc32(bytes: Uint8Array): number {
  if (NATIVE) return E!.CRC32(bytes);
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (c ^ 0xffffffff) >>> 0;
}
