// Synthetic wearer: turns a script of activities into IMU samples in the clip frame.
// Body model: the upper back (T2-T4) has a sagittal angle s from vertical (about 30 deg
// forward when sitting upright) plus flexion, and a lateral lean phi. The accelerometer
// reads gravity's reaction: u (along the spine) = cos(phi) cos(s), n (out of the back) =
// cos(phi) sin(s), l (to the left) = sin(phi). The clip's rotation psi about n maps u, l
// into the clip's x, y. Walking adds a 2 Hz vertical bounce, reaching arm jerks, every
// activity sensor noise and gyro bias. Deterministic for a seed.

export type Activity =
  | 'upright' | 'slouch' | 'walk' | 'reach' | 'stand_up' | 'lean_back' | 'lie_down' | 'lie_side'
  | 'clip_off' | 'drift' | 'type'
  // Exercises: leaning back past upright (deg), and side bends (lateralDeg, + to the right; deg
  // adds the forward flexion most people add). Held from about 1 s in to the segment's end.
  | 'extend' | 'side_bend';

export interface Segment {
  activity: Activity;
  seconds: number;
  /** Flexion (deg) for slouch/reach/drift end point; lean (deg) for lean_back. */
  deg?: number;
  lateralDeg?: number;
}

export interface ScenarioOptions {
  rateHz: number;
  /** Clip rotation about its normal (deg). */
  rotationDeg?: number;
  seed?: number;
  /** Accelerometer noise, g RMS per axis. */
  noiseG?: number;
  /** Upright sagittal angle of the upper back (deg). */
  baseDeg?: number;
  /** Gyro bias, deg/s per axis. */
  gyroBiasDps?: number;
}

export interface Sample {
  t: number;
  ax: number;
  ay: number;
  az: number;
  gx: number;
  gy: number;
  gz: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

const D2R = Math.PI / 180;

/** Target flexion and lateral (deg) of an activity at time tau (s) into a segment. */
function pose(seg: Segment, tau: number): { flex: number; lat: number; flat?: 'up' | 'down' } {
  const d = seg.deg;
  switch (seg.activity) {
    case 'upright':
    case 'type':
      return { flex: 0, lat: 0 };
    case 'slouch':
      return { flex: d ?? 25, lat: seg.lateralDeg ?? 0 };
    case 'walk':
      return { flex: 6, lat: 3 * Math.sin(2 * Math.PI * 1 * tau) };
    case 'reach': {
      // Lean out and back within the segment: a half-sine.
      const k = Math.sin(Math.PI * Math.min(1, tau / seg.seconds));
      return { flex: (d ?? 30) * k, lat: (seg.lateralDeg ?? 10) * k };
    }
    case 'stand_up': {
      // Lean forward ~40 deg over the first second, rise, then stand upright.
      const p = Math.min(1, tau / 2);
      return { flex: 40 * Math.sin(Math.PI * p), lat: 0 };
    }
    case 'lean_back':
      return { flex: -(d ?? 15), lat: 0 };
    case 'extend':
      return { flex: -(d ?? 20), lat: 0 };
    case 'side_bend':
      return { flex: d ?? 8, lat: seg.lateralDeg ?? 20 };
    case 'lie_down':
      return { flex: -90, lat: 0, flat: 'down' };
    case 'lie_side':
      return { flex: -60, lat: 80 };
    case 'clip_off':
      return { flex: 0, lat: 0, flat: 'up' };
    case 'drift':
      return { flex: (d ?? 25) * Math.min(1, tau / seg.seconds), lat: 0 };
  }
}

/** Samples for a script. Transitions between segments are smoothed over about 1 s. */
export function generate(script: Segment[], o: ScenarioOptions): Sample[] {
  const rate = o.rateHz;
  const dt = 1 / rate;
  const rand = mulberry32(o.seed ?? 1);
  const g = gaussian(rand);
  const noise = o.noiseG ?? 0.004;
  const psi = (o.rotationDeg ?? 0) * D2R;
  const base = o.baseDeg ?? 30;
  const bias = o.gyroBiasDps ?? 1.5;
  const out: Sample[] = [];
  let flex = 0, lat = 0, prevS = base * D2R, prevPhi = 0;
  let t = 0;
  let i = 0;
  for (const seg of script) {
    const n = Math.round(seg.seconds * rate);
    for (let k = 0; k < n; k++, i++) {
      const tau = k * dt;
      const p = pose(seg, tau);
      // First-order approach to the target: people move into a posture in about 1 s.
      const a = Math.min(1, dt / 0.35);
      flex += (p.flex - flex) * a;
      lat += (p.lat - lat) * a;
      let ux: number, uy: number, uz: number;
      const s = (base + flex) * D2R;
      const phi = lat * D2R;
      if (p.flat) {
        // Off the body: gravity along the clip's normal; stillness except noise.
        ux = 0;
        uy = 0;
        uz = p.flat === 'up' ? 1 : -1;
      } else {
        ux = Math.cos(phi) * Math.cos(s);
        uz = Math.cos(phi) * Math.sin(s);
        uy = Math.sin(phi);
      }
      // Dynamic acceleration in the body frame.
      let du = 0, dl = 0, dn = 0;
      if (seg.activity === 'walk') {
        const w = 2 * Math.PI * 2 * tau;
        du = 0.25 * Math.sin(w);
        dn = 0.12 * Math.sin(w + 1);
        dl = 0.08 * Math.sin(w / 2);
      } else if (seg.activity === 'reach' || seg.activity === 'stand_up') {
        du = 0.1 * Math.sin(2 * Math.PI * 3 * tau);
        dn = 0.1 * Math.sin(2 * Math.PI * 2.3 * tau);
      } else if (seg.activity === 'type') {
        dn = 0.01 * Math.sin(2 * Math.PI * 4 * tau);
      }
      if (!p.flat) {
        // Breathing: a small rocking of the upper back.
        dn += 0.004 * Math.sin(2 * Math.PI * 0.25 * (t + tau));
      }
      const bu = ux + du, bl = uy + dl, bn = uz + dn;
      // Body (u, l, n) to clip (x, y, z): u = (cos psi, sin psi, 0), l = (-sin psi, cos psi, 0).
      const ax = bu * Math.cos(psi) - bl * Math.sin(psi) + noise * g();
      const ay = bu * Math.sin(psi) + bl * Math.cos(psi) + noise * g();
      const az = bn + noise * g();
      // Gyro: rate of change of the angles, in the clip frame, plus bias and noise.
      const ds = (s - prevS) / dt / D2R;
      const dphi = (phi - prevPhi) / dt / D2R;
      prevS = s;
      prevPhi = phi;
      const wl = p.flat ? 0 : ds; // pitch about the left axis
      const wu = p.flat ? 0 : dphi; // roll about the spine axis
      const gx = wu * Math.cos(psi) - wl * Math.sin(psi) + bias + 0.05 * g();
      const gy = wu * Math.sin(psi) + wl * Math.cos(psi) + bias + 0.05 * g();
      const gz = (seg.activity === 'walk' ? 8 * Math.sin(2 * Math.PI * tau) : 0) + bias + 0.05 * g();
      out.push({ t: Math.round((i * 1000) / rate), ax, ay, az, gx, gy, gz });
    }
    t += n * dt;
  }
  return out;
}

export function toCsv(samples: Sample[], header = true): string {
  const f = (x: number) => String(Math.round(x * 1e6) / 1e6);
  const lines = samples.map((s) => `${s.t},${f(s.ax)},${f(s.ay)},${f(s.az)},${f(s.gx)},${f(s.gy)},${f(s.gz)}`);
  return (header ? 't_ms,ax_g,ay_g,az_g,gx_dps,gy_dps,gz_dps\n' : '') + lines.join('\n') + '\n';
}

/** A morning at the desk, used by the demo and the tests. */
export const OFFICE_SCRIPT: Segment[] = [
  { activity: 'upright', seconds: 20 },
  { activity: 'type', seconds: 60 },
  { activity: 'slouch', seconds: 90, deg: 25 },
  { activity: 'upright', seconds: 30 },
  { activity: 'reach', seconds: 4, deg: 30 },
  { activity: 'upright', seconds: 20 },
  { activity: 'slouch', seconds: 15, deg: 22 },
  { activity: 'upright', seconds: 20 },
  { activity: 'stand_up', seconds: 3 },
  { activity: 'walk', seconds: 60 },
  { activity: 'upright', seconds: 30 },
  { activity: 'lean_back', seconds: 60, deg: 15 },
  { activity: 'upright', seconds: 20 },
  { activity: 'drift', seconds: 120, deg: 25 },
  { activity: 'slouch', seconds: 60, deg: 25 },
  { activity: 'upright', seconds: 20 },
  { activity: 'clip_off', seconds: 90 },
];

/**
 * An hour of a realistic office day, for capacity and energy figures: ten slouches held long
 * enough to prompt (40 s to 2 min), four brief ones that are not, typing and upright sitting
 * between, a reach, a lean back, and a walk to the kitchen and back. Looped for a day.
 */
export const REALISTIC_HOUR: Segment[] = (() => {
  const hold = [45, 70, 40, 90, 55, 120, 60, 50, 80, 65]; // s slouched: each held past the 30 s prompt
  const out: Segment[] = [];
  let s = 0;
  for (let i = 0; i < 10; i++) {
    const parts: Segment[] = [
      { activity: 'type', seconds: 150 },
      { activity: 'slouch', seconds: hold[i], deg: 22 + (i % 4) * 2 },
      { activity: 'upright', seconds: 60 },
    ];
    if (i % 3 === 0) parts.push({ activity: 'slouch', seconds: 12, deg: 20 }, { activity: 'upright', seconds: 40 });
    if (i === 4) parts.push({ activity: 'stand_up', seconds: 3 }, { activity: 'walk', seconds: 120 }, { activity: 'upright', seconds: 20 });
    if (i === 6) parts.push({ activity: 'reach', seconds: 4, deg: 30 }, { activity: 'lean_back', seconds: 60, deg: 15 });
    for (const p of parts) s += p.seconds;
    out.push(...parts);
  }
  out.push({ activity: 'type', seconds: 3600 - s }); // the rest of the hour at the keyboard
  return out;
})();
