// The float twin of the estimator's angle definitions (tests only): the same geometry in
// doubles with Math.atan2, against which the fixed-point path is held to 0.5 degree.
export type Vec = [number, number, number];

export interface FloatAngles {
  flex: number;
  lat: number;
}

export function floatAngles(ref: Vec, a: Vec): FloatAngles {
  const m = Math.hypot(ref[0], ref[1]);
  const ux = ref[0] / m, uy = ref[1] / m;
  const sag0 = Math.atan2(ref[2], m);
  const au = a[0] * ux + a[1] * uy;
  const al = a[1] * ux - a[0] * uy;
  const sag = Math.atan2(a[2], au);
  let flex = ((sag - sag0) * 180) / Math.PI;
  if (flex > 180) flex -= 360;
  if (flex < -180) flex += 360;
  const lat = (Math.atan2(al, Math.hypot(au, a[2])) * 180) / Math.PI;
  return { flex, lat };
}

/** Gravity reaction in the clip frame for a body posture and a clip rotation (all deg). */
export function bodyToClip(sagDeg: number, latDeg: number, rotDeg: number): Vec {
  const s = (sagDeg * Math.PI) / 180, p = (latDeg * Math.PI) / 180, r = (rotDeg * Math.PI) / 180;
  const u = Math.cos(p) * Math.cos(s), n = Math.cos(p) * Math.sin(s), l = Math.sin(p);
  return [u * Math.cos(r) - l * Math.sin(r), u * Math.sin(r) + l * Math.cos(r), n];
}

export function angleBetween(a: Vec, b: Vec): number {
  const d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  return (Math.acos(Math.max(-1, Math.min(1, d / (Math.hypot(...a) * Math.hypot(...b))))) * 180) / Math.PI;
}
