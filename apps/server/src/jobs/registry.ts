import { deliverySweepJob, sendDigestJob, sendNotificationJob } from '../features/delivery/delivery.jobs';
import { publishScheduledJob } from '../features/delivery/scheduled.job';
import { snoozeEndedJob } from '../features/inbox/snooze.job';
import { mediaFinalizeJob } from '../features/media/processing/media-finalize.job';
import { mediaPreviewJob } from '../features/media/processing/media-preview.job';
import { outsiderAddedJob } from '../features/outsiders/outsider-added.job';
import { transcribeJob } from '../features/transcripts/transcribe.job';
import type { JobDefinition } from './job';
import { maintenanceJob } from './maintenance.job';

/** Every job this build can run. A worker refuses (and retries later) names not listed here. */
export const allJobs: JobDefinition[] = [
  maintenanceJob as unknown as JobDefinition,
  snoozeEndedJob as unknown as JobDefinition,
  deliverySweepJob as unknown as JobDefinition,
  sendNotificationJob as unknown as JobDefinition,
  sendDigestJob as unknown as JobDefinition,
  publishScheduledJob as unknown as JobDefinition,
  mediaFinalizeJob as unknown as JobDefinition,
  mediaPreviewJob as unknown as JobDefinition,
  transcribeJob as unknown as JobDefinition,
  outsiderAddedJob as unknown as JobDefinition,
];
