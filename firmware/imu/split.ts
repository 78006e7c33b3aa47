// A FIFO burst decoded to words, 6 a sample, split into the two interleaved x,y,z blocks the
// core reads: the first three words of each sample into a, the next three into b, from sample
// index k. (MPU-6050: accel then gyro; LSM6DS3TR-C: gyro then accel.)
export function splitWords(w: Int16Array, a: Int16Array, b: Int16Array, k: number, n: number): void {
  for (let i = 0, o = 0, j = k * 3; i < n; i++, o += 6, j += 3) {
    a[j] = w[o];
    a[j + 1] = w[o + 1];
    a[j + 2] = w[o + 2];
    b[j] = w[o + 3];
    b[j + 1] = w[o + 4];
    b[j + 2] = w[o + 5];
  }
}
