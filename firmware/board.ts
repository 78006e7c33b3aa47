// Board profiles live in hardware/boards.json (pins, IMU, rates, scales); the firmware
// bundles the one it is built for.
import boards from '../hardware/boards.json';

export type BoardProfile = (typeof boards)['pico'];
export type BoardName = keyof typeof boards;
export const BOARDS: Record<BoardName, BoardProfile> = boards;
