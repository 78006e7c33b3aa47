// A config event's fields in the table's units: which field, its old value (null in logs
// written before 0.2, which kept only the new one) and its new value.
import { FIELDS, FieldDef } from '../../shared/config';

export interface ConfigChange {
  field: number;
  /** The table's entry; undefined for a field id this host does not know. */
  def: FieldDef | undefined;
  old: number | null;
  value: number;
}

export function decodeConfigEvent(a: number, b: number): ConfigChange {
  const field = a & 255;
  const def = FIELDS[field];
  const scale = def ? def.scale : 1;
  const oldRaw = a >= 256 ? Math.floor(a / 256) - 1 : null;
  return { field, def, old: oldRaw === null ? null : oldRaw / scale, value: b / scale };
}

/** "threshold_deg 15 → 20" (or "threshold_deg → 20" when the old value is not in the log). */
export function describeConfigChange(c: ConfigChange): string {
  const name = c.def ? c.def.name : `field ${c.field}`;
  return c.old === null ? `${name} → ${c.value}` : `${name} ${c.old} → ${c.value}`;
}
