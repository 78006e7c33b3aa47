// Questions to a clip at the Espruino REPL (during `posture flash`, when the firmware has
// handed the console over or is not running): the answer comes back as a plain console line,
// which the link reports as garbage since it is no protocol frame.
import { DeviceLink } from '../../link/device-link';

/** The value of expr (Espruino JavaScript) as text; undefined when no answer comes in time. */
export function replQuery(link: DeviceLink, expr: string, timeoutMs = 1000): Promise<string | undefined> {
  const tag = `pcq${Math.floor(Math.random() * 1e6)}=`;
  return new Promise((resolve) => {
    const onLine = (g: { text: string }) => {
      const at = g.text.indexOf(tag);
      if (at >= 0) done(g.text.slice(at + tag.length).trim());
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    function done(v: string | undefined) {
      clearTimeout(timer);
      link.off('garbage', onLine);
      resolve(v);
    }
    link.on('garbage', onLine);
    // \x10: Espruino does not echo the line.
    link.writeRaw(`\x10print(${JSON.stringify(tag)}+(${expr}))\n`);
  });
}

/** Espruino's version, e.g. "2v29". */
export async function replEspruinoVersion(link: DeviceLink): Promise<string | undefined> {
  const v = await replQuery(link, 'process.version');
  return v && /^\d+v\d+/.test(v) ? v : undefined;
}

/** Bytes Espruino's Storage spends on a file besides its data (size and a 28-byte name). */
export const STORAGE_FILE_HEADER = 32;

export const CODE_ROOM =
  `(function(){var s=require("Storage"),t=s.getStats(),c=s.read(".bootcde");return t.freeBytes+t.trashBytes+(c?c.length+${STORAGE_FILE_HEADER}:0);})()`;

/**
 * Bytes a new .bootcde can take: Storage's free space and its erased files (compaction
 * reclaims them), plus the current .bootcde, which the upload replaces. Undefined when the
 * clip does not say.
 */
export async function replCodeRoom(link: DeviceLink): Promise<number | undefined> {
  const v = await replQuery(link, CODE_ROOM);
  return v && /^\d+$/.test(v) ? Number(v) : undefined;
}
