// Bench bundle: the IMU drivers, to count what reading the FIFO costs the interpreter.
import { createLsm6ds3 } from '../../firmware/imu/lsm6ds3';
import { createMpu6050 } from '../../firmware/imu/mpu6050';

declare const global: { Drivers: unknown };
global.Drivers = { mpu6050: createMpu6050, lsm6ds3: createLsm6ds3 };
