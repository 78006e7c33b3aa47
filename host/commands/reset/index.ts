// `posture reset --yes`: the clip's factory reset. It erases the prescription, the calibration,
// the lock and both logs (the device id and the log numbering stay), so it first makes sure the
// archive holds every record the clip does, unless the user says the log may go.
import { isLockRefusal, lockRefusal } from '../pin-refusal';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { archiveFiles, ArchiveLog, deviceDir, openDeviceArchive } from '../../archive/archive';
import { DeviceError, UsageError } from '../../cli/errors';
import { DeviceRequestError } from '../../link/device-link';
import { withDevice } from '../device';
import { pullOnLink } from '../pull/index';

export interface ResetResult {
  id: string;
  /** Records erased on the clip that no archive given holds (only with discardLog). */
  discarded: number;
  /** Records pulled into the archive first (--pull). */
  pulled: number;
}

/** The next sequence number the archive lacks for a device's log (0 when it holds none). */
function archivedNext(archive: string, id: string, log: ArchiveLog): number {
  const dir = deviceDir(archive, id);
  if (!existsSync(join(dir, archiveFiles(log).bin))) return 0;
  return openDeviceArchive(archive, id, log).state().next;
}

export async function resetCommand(o: { port?: string; yes?: boolean; pin?: string; archive: string; discardLog?: boolean; pull?: boolean }): Promise<ResetResult> {
  if (!o.yes) {
    throw new UsageError('reset erases the prescription, the calibration, the lock and the log on the clip: add --yes to go ahead');
  }
  if (o.pull && o.discardLog) throw new UsageError('--pull keeps the log and --discard-log drops it: give one of them');
  return withDevice(o.port, async (link) => {
    const h = link.hello!;
    // --pull: the log into the archive first, in this session, so that the reset follows it
    // at once (a separate pull leaves time for new minutes that would then block the reset).
    const pulled = o.pull ? await pullOnLink(link, { archive: o.archive }) : null;
    // Records the clip holds that the archive lacks, as the clip counts them now: minutes and
    // events, then hourly summaries.
    const st = (await link.request('logstat', {})) as { log: { firstSeq: number; nextSeq: number }; hrs?: { firstSeq: number; nextSeq: number } };
    const missing = [
      Math.max(0, st.log.nextSeq - Math.max(st.log.firstSeq, archivedNext(o.archive, h.id, 'records'))),
      st.hrs ? Math.max(0, st.hrs.nextSeq - Math.max(st.hrs.firstSeq, archivedNext(o.archive, h.id, 'hours'))) : 0,
    ];
    if (pulled && (missing[0] || missing[1])) {
      // A minute closed while pulling: take it too, then reset straight away.
      await pullOnLink(link, { archive: o.archive });
      missing[0] = missing[1] = 0;
    }
    const discarded = missing[0] + missing[1];
    if (discarded && !o.discardLog) {
      const what = [
        missing[0] ? `${missing[0]} log record${missing[0] === 1 ? '' : 's'}` : '',
        missing[1] ? `${missing[1]} hourly summar${missing[1] === 1 ? 'y' : 'ies'}` : '',
      ].filter(Boolean).join(' and ');
      throw new UsageError(
        `the clip holds ${what} that ${o.archive} lacks: ` +
          `pull them first (npx posture pull --archive ${o.archive}), add --pull to pull and reset in one go, or add --discard-log to erase them unread`,
      );
    }
    try {
      await link.request('reset', o.pin ? { pin: o.pin } : {});
    } catch (e) {
      if (isLockRefusal(e)) throw lockRefusal(!!o.pin, 'nothing was reset');
      throw e;
    }
    return { id: h.id, discarded, pulled: pulled ? pulled.added + (pulled.hours?.added ?? 0) : 0 };
  });
}
