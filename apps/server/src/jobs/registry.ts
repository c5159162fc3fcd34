import type { JobDefinition } from './job';
import { maintenanceJob } from './maintenance.job';

/** Every job this build can run. A worker refuses (and retries later) names not listed here. */
export const allJobs: JobDefinition[] = [maintenanceJob as unknown as JobDefinition];
