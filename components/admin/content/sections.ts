import type { Path } from "./draft";

/** A part of an editor form: its anchor, its name in the section nav, and the fields whose problems it counts. */
export interface FormSection {
  id: string;
  title: string;
  paths: Path[];
}
