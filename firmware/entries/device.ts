// Device bundle entry, one per board (esbuild defines __BOARD__). Wires the Espruino Hal,
// the board's IMU driver and the app, and leaves the app on `PC` for the console layer.
import { createApp } from '../app';
import { createLink } from '../link';
import { BoardName, BoardProfile } from '../board';
import { createEspruinoHal } from '../hal/espruino';
import { Bus, Imu } from '../imu/types';
import { createLsm6ds3 } from '../imu/lsm6ds3';
import { createMpu6050 } from '../imu/mpu6050';
import { createSimImu } from '../imu/sim';
import { Hal, StorageHal } from '../hal/types';
import { createW25q } from '../flash/w25q';
import { createNorStorage } from '../flash/nor-storage';
import { NOR_FILE_SIZE } from '../app';

// Set by the build: the board's name and its profile from hardware/boards.json, so only
// that board's driver ends up in the bundle.
declare const __BOARD__: BoardName;
declare const __PROFILE__: BoardProfile;
declare const global: { PC: unknown };

function busFor(hal: Hal, addr: number): Bus {
  return {
    regWrite: function (reg, value) {
      hal.i2cWrite(addr, [reg, value]);
    },
    regRead: function (reg, n) {
      return hal.i2cRead(addr, reg, n);
    },
    words: hal.words,
  };
}

const hal = createEspruinoHal();
let imu: Imu;
if (__PROFILE__.imu === 'mpu6050') imu = createMpu6050(busFor(hal, __PROFILE__.imuAddr));
else if (__PROFILE__.imu === 'lsm6ds3') imu = createLsm6ds3(busFor(hal, __PROFILE__.imuAddr));
else imu = createSimImu(hal.now);
// A board with the external log flash keeps both log rings there: the minutes in sectors
// 0..norLogFiles-1, the hours in the next four.
// A chip that does not answer leaves them in Storage (logFiles there), with a fault logged.
let nor: StorageHal | null | undefined;
if (__PROFILE__.norFlash) {
  const flash = createW25q({ send: hal.spiSend! });
  try {
    flash.configure();
    nor = createNorStorage(flash, [
      { prefix: 'pclog', first: 0, files: __PROFILE__.norLogFiles, size: NOR_FILE_SIZE },
      { prefix: 'pchr', first: __PROFILE__.norLogFiles, files: 4, size: NOR_FILE_SIZE },
    ]);
  } catch (e) {
    nor = null;
  }
}
const app = createApp(hal, __BOARD__, imu, nor ? __PROFILE__.norLogFiles : __PROFILE__.logFiles, nor);
global.PC = app;
// The banner goes out before the link takes the console from the REPL.
hal.print('posture-coach ' + app.version + ' board=' + __BOARD__ + ' imu=' + imu.name + ' vars=' + hal.memory().usage);
// Holding the button at power-on leaves the REPL on the console, for the Espruino Web IDE.
if (hal.buttonDown()) hal.print('button held at boot: the REPL keeps the console (reset to leave)');
else createLink(hal, app);
// Methods used only at boot are dropped now: each closure would hold ~6 variables for the
// rest of the clip's life (~30 together), room the hourly log needs on a Puck.js.
// (Plain deletes, not a loop over names: the bundle shortens these property names.)
const h = hal as Partial<Hal>;
delete h.buttonDown;
delete h.onButton;
delete h.watchdog;
delete h.linkOnData;
delete h.memory;
