/** The shape of /api/goals as the pages read it (see src/lib/server/api/goals-view.ts). */
export type { GoalsView, GoalIndicatorView, GoalDistrictSeries } from '../server/api/goals-view.ts';
