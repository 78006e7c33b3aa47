// The hardware abstraction: everything the firmware needs from the board. Only
// firmware/hal/espruino.ts implements it with Espruino globals; tests and the virtual device
// pass their own, so all code above this line is plain and testable.

export interface StorageHal {
  /** Bytes of a file from offset (length 0: to the end), or undefined when it does not exist. */
  read(name: string, offset: number, length: number): Uint8Array | undefined;
  /** Writes data at offset; size reserves a file of that many bytes (unwritten = 0xFF). */
  write(name: string, data: Uint8Array, offset: number, size: number): boolean;
  erase(name: string): void;
  /** Names that start with prefix. */
  list(prefix: string): string[];
  free(): number;
}

export interface Hal {
  /** Device clock, ms since 1970 once set, else since boot. */
  now(): number;
  setClock(ms: number): void;
  // Espruino's argument order (fn first), so the board's Hal can hand over the natives.
  every(fn: () => void, ms: number): unknown;
  after(fn: () => void, ms: number): unknown;
  cancel(id: unknown): void;
  /** I2C: write bytes to a device; read n bytes from register reg. Throw on a bus error. */
  i2cWrite(addr: number, bytes: number[]): void;
  i2cRead(addr: number, reg: number, n: number): Uint8Array;
  /**
   * 16-bit words of bytes into out, most significant byte first when bits is 16, least when -16
   * (Espruino's E.mapInPlace, with no map): a FIFO decoded in one native call.
   */
  words(bytes: Uint8Array, out: Int16Array, map: undefined, bits: number): void;
  /**
   * SPI to the external log flash, on boards with one (absent elsewhere: a closure costs
   * variables): sends with its chip select low, returns what came back.
   */
  spiSend?(data: Uint8Array): Uint8Array;
  /**
   * On boards that wire the IMU's interrupt line (hardware/boards.json `imuInt`; absent
   * elsewhere): fn runs on each rising edge, handed the watch's event. A resting clip then
   * sleeps until the IMU sees motion instead of peeking at it.
   */
  onImuMotion?(fn: (e: unknown) => void): void;
  /** Motor PWM duty 0..1; 0 is off. */
  motor(duty: number): void;
  /** Whether the button is held right now (read once at boot). */
  buttonDown(): boolean;
  /** Button edges: down = true on press. */
  onButton(fn: (down: boolean) => void): void;
  storage: StorageHal;
  /** Battery charge, %. */
  battery(): number;
  watchdog(seconds: number): void;
  kick(): void;
  print(line: string): void;
  /** The host link: raw text from the console device (the REPL moved off it), and back. */
  linkOnData(fn: (data: string) => void): void;
  linkWrite(data: string): void;
  /** Gives the REPL back to the console device (for the Web IDE or a firmware upload). */
  repl(): void;
  toBase64(bytes: Uint8Array): string;
  /**
   * Whether a typed array's elements are reached directly: one flat block, or small enough
   * to sit in a variable or two. Espruino falls back to a chain of variables when it finds
   * no contiguous room, and then every element access walks the chain.
   */
  flat(a: ArrayBufferView): boolean;
  /** JS variables in use and in total (Espruino's process.memory()). */
  memory(): { usage: number; total: number };
  /** The interpreter's version (Espruino's process.version, e.g. "2v29"): posture flash checks it can read pretokenised code. */
  esp: string;
  /**
   * Clock seconds per real second: 1 on a board; the virtual clip's --speed in emulation, so
   * that the host does not read an accelerated clock as drift.
   */
  clockRate: number;
  /** CRC-32 of the flashed firmware (Storage .bootcde) at boot, 0 when it runs from elsewhere: posture flash checks it. */
  codeCrc: number;
}
