"use client";

/**
 * The editor's draft: a plain object edited by path, and the problems the server reported, looked up
 * by the same field paths (`probes[2].dimension`) the validator writes. Provided through context so
 * each field needs only its path.
 */
import { createContext, useContext, type ReactNode } from "react";
import { formatPath, type ContentProblem } from "@/lib/content/validate";

export type Path = readonly (string | number)[];

export function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with `path` set; missing containers are created (an array for a numeric key). */
export function setIn(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path;
  if (typeof key === "number") {
    const array = Array.isArray(value) ? [...value] : [];
    array[key] = setIn(array[key], rest, next);
    return array;
  }
  const record = value && typeof value === "object" && !Array.isArray(value) ? { ...(value as object) } : {};
  (record as Record<string, unknown>)[key!] = setIn((record as Record<string, unknown>)[key!], rest, next);
  return record;
}

export const pathId = (path: Path) => `field-${formatPath(path).replace(/[^a-zA-Z0-9_-]+/g, "-")}`;

interface DraftContextValue {
  data: unknown;
  set(path: Path, value: unknown): void;
  problems: ContentProblem[];
  readOnly: boolean;
  /** Choices for `dimension` fields: the default rubric's keys (or this rubric's own). */
  dimensions: { key: string; title: string }[];
}

const DraftContext = createContext<DraftContextValue | null>(null);

export function DraftProvider({ value, children }: { value: DraftContextValue; children: ReactNode }) {
  return <DraftContext value={value}>{children}</DraftContext>;
}

export function useDraft(): DraftContextValue {
  const value = useContext(DraftContext);
  if (!value) throw new Error("useDraft must be used inside <DraftProvider>");
  return value;
}

/** The value at a path, and a setter for it. */
export function useField<T = unknown>(path: Path): [T | undefined, (value: T) => void] {
  const { data, set } = useDraft();
  return [getIn(data, path) as T | undefined, (value: T) => set(path, value)];
}

/**
 * Problems to show at a field: exactly its path, or (for a field that edits a whole list of strings)
 * anything inside it too.
 */
export function useProblems(path: Path, { inside = false }: { inside?: boolean } = {}): string[] {
  const { problems } = useDraft();
  const at = formatPath(path);
  return problems
    .filter((p) => p.field === at || (inside && (p.field.startsWith(`${at}[`) || p.field.startsWith(`${at}.`))))
    .map((p) => p.message);
}

/** How many problems sit at or under a path (for section and list-item badges). */
export function useProblemCount(path: Path): number {
  const { problems } = useDraft();
  const at = formatPath(path);
  return problems.filter((p) => p.field === at || p.field.startsWith(`${at}[`) || p.field.startsWith(`${at}.`)).length;
}
