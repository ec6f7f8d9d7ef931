import "server-only";
/**
 * Coach review and calibration (server side). Client components import only the client-safe modules:
 * ./schemas (zod), ./types (view shapes) and ./replay (pure timeline lookups).
 */
export { assignCoach, unassignCoach, listAssignments, listAssignablePeople, type AssignmentView } from "./assignments";
export {
  createShare,
  listShares,
  revokeShare,
  inspectInvite,
  acceptInvite,
  hashInviteToken,
  INVITE_DAYS,
  type ShareView,
  type CreatedShare,
  type InviteView,
  type InviteState,
} from "./shares";
export { listReviewQueue, listQueuePrompts } from "./queue";
export { getReviewState, setOverride, removeOverride, completeReview, reopenReview, loadReportReviews } from "./review";
export { addComment, deleteComment, listComments, verifyAnchor } from "./comments";
export { buildReplay, frameIndexAt, messageCountAt, graphItemFor } from "./replay";
export { collectCalibrationPairs, loadCalibration, type CollectedPair } from "./calibration-data";
export { loadReviewWorkspace, type ReviewWorkspace } from "./workspace";
export { GoneError } from "./errors";
export * from "./schemas";
export type * from "./types";
