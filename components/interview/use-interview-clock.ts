"use client";

import { useEffect, useState } from "react";
import { useRoom } from "./room-store";

/** Interview seconds elapsed and remaining, counted from the server's clock (not the browser's). */
export function useInterviewClock(): { elapsed: number; remaining: number; total: number } {
  const { interview } = useRoom((s) => s.room);
  const offset = useRoom((s) => s.clockOffsetMs);
  const ended = useRoom((s) => s.ended);
  const total = interview.durationMinutes * 60;
  const compute = () => {
    const serverNow = Date.now() + offset;
    const elapsed = ((serverNow - Date.parse(interview.startedAt)) / 1000) * interview.clockScale;
    return Math.max(0, Math.min(total, elapsed));
  };
  // The first render uses the server's figure, so server and browser render the same markup.
  const [elapsed, setElapsed] = useState(interview.elapsedSeconds);
  useEffect(() => {
    if (ended) return;
    const timer = setInterval(() => setElapsed(compute()), Math.max(100, 1000 / interview.clockScale));
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ended, offset, interview.startedAt, interview.clockScale]);
  const shown = ended ? Math.min(total, Math.max(elapsed, interview.elapsedSeconds)) : elapsed;
  return { elapsed: shown, remaining: ended ? 0 : Math.max(0, total - shown), total };
}

export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
