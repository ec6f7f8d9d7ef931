import "server-only";
/** Accounts, sessions, roles and the access policy. See README "Accounts and roles". */
export { requireUser, requireRole, requirePageUser, requirePageRole, optionalPageUser, type Caller } from "./guards";
export { lookupSession, localUser, type SessionUser } from "./session";
export {
  interviewRelation,
  requireInterviewAccess,
  visibleInterviews,
  reviewableInterviews,
  type InterviewRelation,
  type InterviewNeed,
} from "./access";
export { LOCAL_USER, localModeEnabled } from "./local-mode";
