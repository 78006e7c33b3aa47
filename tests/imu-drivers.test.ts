// IMU drivers against register models and byte fixtures.
import { describe, expect, it } from 'vitest';
import {
  createMpu6050, MPU_ACCEL_CONFIG, MPU_INT_ENABLE, MPU_MOT_THR, MPU_CONFIG, MPU_FIFO_EN, MPU_GYRO_CONFIG, MPU_PWR_MGMT_1, MPU_PWR_MGMT_2, MPU_SMPLRT_DIV, mpuRateRegs,
} from '../firmware/imu/mpu6050';
import { createLsm6ds3, LSM_CTRL1_XL, LSM_CTRL2_G, LSM_CTRL6_C, LSM_FIFO_CTRL3, LSM_FIFO_CTRL5, LSM_INT1_CTRL, lsmOdr } from '../firmware/imu/lsm6ds3';
import { Bus } from '../firmware/imu/types';
import { I2cDevice, lsm6ds3Model, mpu6050Model } from '../host/sim/imu-models';
import { mapInPlace16 } from '../host/sim/espruino-env';

// words: E.mapInPlace as the virtual clip emulates it (the interpreter runs the native one in
// tests/espruino-boards.test.ts).
const bus = (d: I2cDevice): Bus => ({ regWrite: (r, v) => d.write([r, v]), regRead: (r, n) => d.read(r, n), words: mapInPlace16 });

describe('MPU6050 driver', () => {
  it.each([
    [12.5, 79, 6],
    [25, 39, 5],
    [50, 19, 4],
  ])('at %s Hz sets divider %i and low-pass %i (1 kHz / (1 + div))', (hz, div, dlpf) => {
    expect(mpuRateRegs(hz)).toEqual([div, dlpf]);
    expect(1000 / (1 + div)).toBeCloseTo(hz, 5);
    const m = mpu6050Model();
    createMpu6050(bus(m)).configure(hz);
    const regs = Object.fromEntries(m.log);
    expect(regs[MPU_PWR_MGMT_1]).toBe(0x01);
    expect(regs[MPU_SMPLRT_DIV]).toBe(div);
    expect(regs[MPU_CONFIG]).toBe(dlpf);
    expect(regs[MPU_ACCEL_CONFIG]).toBe(0x08); // +-4 g: 8192 counts per g
    expect(regs[MPU_GYRO_CONFIG]).toBe(0x00); // +-250 deg/s: 131 counts per deg/s
    expect(regs[MPU_FIFO_EN]).toBe(0x78);
  });

  it('refuses a wrong WHO_AM_I with the value it read', () => {
    const m = mpu6050Model();
    m.regs[0x75] = 0x70;
    expect(() => createMpu6050(bus(m)).configure(25)).toThrow('MPU6050 WHO_AM_I 112, expected 104');
  });

  it('decodes a big-endian FIFO fixture of two samples', () => {
    const m = mpu6050Model();
    const imu = createMpu6050(bus(m));
    imu.configure(25);
    // accel x = 8192 (1 g), y = -1, z = -8192; gyro x = 131 (1 deg/s), y = -32768, z = 32767
    const bytes = [0x20, 0x00, 0xff, 0xff, 0xe0, 0x00, 0x00, 0x83, 0x80, 0x00, 0x7f, 0xff];
    m.fifo.push(...bytes, ...bytes);
    const acc = new Int16Array(30), gyr = new Int16Array(30);
    expect(imu.read(acc, gyr, 3, 7)).toBe(2);
    expect([...acc.slice(9, 15)]).toEqual([8192, -1, -8192, 8192, -1, -8192]);
    expect([...gyr.slice(9, 12)]).toEqual([131, -32768, 32767]);
    expect(m.fifo).toHaveLength(0);
  });

  it('reads no more than asked and leaves a partial sample in the FIFO', () => {
    const m = mpu6050Model();
    const imu = createMpu6050(bus(m));
    imu.configure(25);
    for (let i = 0; i < 5; i++) m.push(i, 0, 8192, 0, 0, 0);
    m.fifo.push(1, 2, 3); // half a sample
    const acc = new Int16Array(30), gyr = new Int16Array(30);
    expect(imu.read(acc, gyr, 0, 3)).toBe(3);
    expect(imu.read(acc, gyr, 3, 10)).toBe(2);
    expect([...acc.filter((_, i) => i % 3 === 0).slice(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(m.fifo).toHaveLength(3);
  });

  it('resets an overflowed FIFO and reads nothing from it', () => {
    const m = mpu6050Model();
    const imu = createMpu6050(bus(m));
    imu.configure(25);
    for (let i = 0; i < 100; i++) m.push(i, 0, 8192, 0, 0, 0);
    expect(m.fifo.length).toBe(1024);
    expect(imu.read(new Int16Array(30), new Int16Array(30), 0, 10)).toBe(0);
    expect(m.fifo.length).toBe(0);
  });

  it('lets a bus error through as an exception (the app turns it into a fault)', () => {
    const m = mpu6050Model();
    const imu = createMpu6050(bus(m));
    imu.configure(25);
    m.fail = true;
    expect(() => imu.read(new Int16Array(30), new Int16Array(30), 0, 10)).toThrow(/no ACK/);
  });
});

describe('MPU6050 motion line (wakes a resting clip)', () => {
  // 5 Hz cycling at 25 Hz pushes: one reading in five reaches the data registers.
  const lying = (m: I2cDevice, ax: number, n = 10) => {
    for (let i = 0; i < n; i++) m.push(ax, 0, 8192, 0, 0, 0);
  };
  const wired = () => {
    const m = mpu6050Model();
    const c = { m, imu: createMpu6050(bus(m)), pulses: 0 };
    m.onInt = () => c.pulses++;
    c.imu.configure(25);
    return c;
  };
  it('rest() arms it: a pulse once a reading is 0.05 g off how the clip lay, none for less', () => {
    const c = wired(), m = c.m, imu = c.imu;
    lying(m, 100);
    imu.rest();
    expect(m.regs[MPU_INT_ENABLE]).toBe(0x40);
    expect(m.regs[MPU_ACCEL_CONFIG] & 7).toBe(7); // the filter holds the reading it lay down with
    expect(m.regs[MPU_MOT_THR] * 2).toBe(50); // mg
    lying(m, 100 + 380); // 46 mg off: still lying there
    expect(c.pulses).toBe(0);
    lying(m, 100 + 440); // 54 mg: picked up
    expect(c.pulses).toBeGreaterThan(0);
  });
  it('configure() disarms it: no pulses while worn, however it moves', () => {
    const c = wired(), m = c.m, imu = c.imu;
    imu.rest();
    imu.configure(25);
    expect(m.regs[MPU_INT_ENABLE]).toBe(0);
    expect(m.regs[MPU_ACCEL_CONFIG]).toBe(0x08);
    lying(m, 4000);
    expect(c.pulses).toBe(0);
  });
});

describe('LSM6DS3TR-C driver', () => {
  it.each([
    [12.5, 1],
    [25, 2],
    [50, 3],
  ])('at %s Hz uses ODR code %i, +-4 g and 250 deg/s', (hz, odr) => {
    expect(lsmOdr(hz)).toBe(odr);
    const m = lsm6ds3Model();
    createLsm6ds3(bus(m)).configure(hz);
    const regs = Object.fromEntries(m.log);
    expect(regs[LSM_CTRL1_XL]).toBe((odr << 4) | 0x08);
    expect(regs[LSM_CTRL2_G]).toBe(odr << 4);
    expect(regs[LSM_FIFO_CTRL5]).toBe((odr << 3) | 6);
    // Puck.accelOn's data-ready interrupt is turned off (it would wake the MCU every sample).
    expect(regs[LSM_INT1_CTRL]).toBe(0);
  });

  it('refuses a wrong WHO_AM_I', () => {
    const m = lsm6ds3Model();
    m.regs[0x0f] = 0x69;
    expect(() => createLsm6ds3(bus(m)).configure(25)).toThrow('LSM6DS3TR-C WHO_AM_I 105, expected 106');
  });

  it('decodes a little-endian FIFO fixture (gyro first, then accel)', () => {
    const m = lsm6ds3Model();
    const imu = createLsm6ds3(bus(m));
    imu.configure(25);
    // gyro x = 114 (1 deg/s), y = -114, z = 0; accel x = 8197 (1 g), y = 0, z = -4099
    m.fifo.push(0x72, 0x00, 0x8e, 0xff, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0xfd, 0xef);
    const acc = new Int16Array(30), gyr = new Int16Array(30);
    expect(imu.read(acc, gyr, 0, 10)).toBe(1);
    expect([...gyr.slice(0, 3)]).toEqual([114, -114, 0]);
    expect([...acc.slice(0, 3)]).toEqual([8197, 0, -4099]);
  });
});

// The low-power registers (MPU-6050 register map 4.2 / product spec 3.4; LSM6DS3TR-C
// DocID030071): each driver against its model, which follows the same registers.
describe.each([
  ['MPU-6050', () => mpu6050Model(), (d: I2cDevice) => createMpu6050(bus(d))],
  ['LSM6DS3TR-C', () => lsm6ds3Model(), (d: I2cDevice) => createLsm6ds3(bus(d))],
] as const)('%s power states', (name, model, driver) => {
  const read = (imu: ReturnType<typeof driver>, n: number) => {
    const acc = new Int16Array(3 * n), gyr = new Int16Array(3 * n);
    const got = imu.read(acc, gyr, 0, n);
    return { got, acc: [...acc.subarray(0, 3 * got)], gyr: [...gyr.subarray(0, 3 * got)] };
  };

  it('gyro(0): accelerometer-only samples (gyro read as 0); gyro(1): both again', () => {
    const m = model();
    const imu = driver(m);
    imu.configure(25);
    m.push(100, 200, 8000, 5, -6, 7);
    expect(read(imu, 4)).toEqual({ got: 1, acc: [100, 200, 8000], gyr: [5, -6, 7] });
    imu.gyro(0);
    if (name.startsWith('MPU-6050')) expect([m.regs[MPU_PWR_MGMT_2] & 7, m.regs[MPU_FIFO_EN]]).toEqual([7, 0x08]); // gyro in standby, out of the FIFO
    else expect([m.regs[LSM_CTRL2_G], m.regs[LSM_FIFO_CTRL3]]).toEqual([0, 0x01]); // gyro powered down, out of the FIFO
    m.push(110, 210, 8010, 5, -6, 7);
    m.push(120, 220, 8020, 5, -6, 7);
    expect(m.fifo.length).toBe(12); // 6 bytes a sample
    expect(read(imu, 4)).toEqual({ got: 2, acc: [110, 210, 8010, 120, 220, 8020], gyr: [0, 0, 0, 0, 0, 0] });
    imu.gyro(1);
    m.push(130, 230, 8030, 8, 9, 10);
    expect(read(imu, 4)).toEqual({ got: 1, acc: [130, 230, 8030], gyr: [8, 9, 10] });
  });

  it('rest(): the low-power accelerometer, no FIFO; peek() reads the latest; configure() wakes it fully', () => {
    const m = model();
    const imu = driver(m);
    imu.configure(25);
    imu.rest();
    if (name.startsWith('MPU-6050')) expect([m.regs[MPU_PWR_MGMT_1], m.regs[MPU_PWR_MGMT_2], m.regs[MPU_FIFO_EN]]).toEqual([0x28, 0x47, 0]); // CYCLE at 5 Hz, gyro standby
    else expect([m.regs[LSM_CTRL1_XL], m.regs[LSM_CTRL2_G], m.regs[LSM_CTRL6_C], m.regs[LSM_FIFO_CTRL5]]).toEqual([0x18, 0, 0x10, 0]); // 12.5 Hz low-power
    for (let i = 0; i < 10; i++) m.push(-300 + i, 40, 8100, 1, 2, 3);
    expect(m.fifo.length).toBe(0);
    const a = new Int16Array(3);
    imu.peek(a);
    // The MPU-6050 in CYCLE updates its data registers at its wake rate (every 5th sample at 25 Hz).
    expect([...a]).toEqual(name.startsWith('MPU-6050') ? [-295, 40, 8100] : [-291, 40, 8100]);
    imu.configure(25);
    if (name.startsWith('MPU-6050')) expect([m.regs[MPU_PWR_MGMT_1], m.regs[MPU_PWR_MGMT_2]]).toEqual([0x01, 0]);
    else expect([m.regs[LSM_CTRL2_G] >> 4, m.regs[LSM_CTRL6_C]]).toEqual([2, 0]);
    m.push(1, 2, 8192, 4, 5, 6);
    expect(read(imu, 2)).toEqual({ got: 1, acc: [1, 2, 8192], gyr: [4, 5, 6] });
  });
});
