// CRC-32 (IEEE 802.3, as zlib): native E.CRC32 on Espruino, a table-free loop elsewhere.
// Both return the same unsigned value; log records and the stored config carry it.
// A string counts as its character codes' low bytes (the protocol's lines are ASCII), as
// E.CRC32 takes it: the device never copies a line into a byte array to check it.

declare const E: { CRC32(data: ArrayLike<number> | string): number } | undefined;

// A device bundle is built with __ESPRUINO__ true, which drops the plain loop from it.
declare const __ESPRUINO__: boolean | undefined;
const NATIVE = typeof __ESPRUINO__ !== 'undefined' || (typeof E !== 'undefined' && typeof E.CRC32 === 'function');

export function crc32(data: Uint8Array | string): number {
  if (NATIVE) return E!.CRC32(data);
  let c = 0xffffffff;
  // Two loops rather than a test per byte: the host checks every frame with this one.
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) {
      c ^= data.charCodeAt(i) & 255;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      c ^= data[i];
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}
