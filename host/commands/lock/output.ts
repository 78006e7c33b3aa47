// `posture lock|unlock --json`.
import { z } from 'zod';

export const lockOutput = z.object({ locked: z.boolean().describe('the prescription now needs the PIN to change') });
