"use client";

import { useEffect } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import type { RoomState } from "@/lib/interview/room";
import { ChatPanel } from "./chat-panel";
import { RoomHeader } from "./room-header";
import { RoomStoreProvider, useRoom } from "./room-store";
import { Whiteboard } from "./whiteboard";

/** The interview room: clock and phases on top, chat and whiteboard side by side (resizable). */
export function InterviewRoom({ initial }: { initial: RoomState }) {
  return (
    <RoomStoreProvider initial={initial}>
      <Ticker />
      <div className="fixed inset-x-0 top-14 bottom-0 z-20 flex flex-col bg-zinc-50 dark:bg-zinc-950">
        <RoomHeader />
        <Group orientation="horizontal" className="min-h-0 flex-1">
          <Panel defaultSize="36%" minSize="22%" maxSize="60%">
            <ChatPanel />
          </Panel>
          <Separator
            className="hover:bg-accent-300 data-[separator=active]:bg-accent-400 dark:hover:bg-accent-800 w-1.5 bg-zinc-200 transition dark:bg-zinc-800"
            aria-label="Resize chat and whiteboard"
          />
          <Panel minSize="30%">
            <Whiteboard />
          </Panel>
        </Group>
      </div>
    </RoomStoreProvider>
  );
}

/** Asks the server regularly whether a time nudge is due or time is up; the server decides. */
function Ticker() {
  const tick = useRoom((s) => s.actions.tick);
  const ended = useRoom((s) => s.ended);
  const scale = useRoom((s) => s.room.interview.clockScale);
  useEffect(() => {
    if (ended) return;
    const every = Math.min(5000, Math.max(1000, 5000 / scale));
    const timer = setInterval(() => void tick(), every);
    return () => clearInterval(timer);
  }, [ended, scale, tick]);
  return null;
}
