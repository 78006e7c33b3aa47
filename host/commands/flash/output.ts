// `posture flash --json`.
import { z } from 'zod';

export const flashOutput = z.object({
  file: z.string(),
  sourceBytes: z.number().int().describe('size of the JavaScript bundle'),
  uploadedBytes: z.number().int().describe('size written to the clip (smaller when pretokenised)'),
  pretokenised: z.boolean(),
  previousFirmware: z.string().describe('the firmware version before, or "none (REPL)"'),
  firmware: z.string().describe('the firmware version now running'),
});

export const flashJson = (r: { file: string; bytes: number; sourceBytes: number; pretokenised: boolean; before: string; version: string }): z.input<typeof flashOutput> => ({
  file: r.file, sourceBytes: r.sourceBytes, uploadedBytes: r.bytes, pretokenised: r.pretokenised, previousFirmware: r.before, firmware: r.version,
});
