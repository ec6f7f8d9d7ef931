import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { CONTENT_KINDS, type ContentFile } from "./validate";

/** The default question bank shipped with the app. */
export const DEFAULT_CONTENT_DIR = path.join(process.cwd(), "content");

/** Reads every YAML file in the content folders of `dir` (frameworks/, rubrics/, prompts/, followups/). */
export async function readContentDir(dir: string = DEFAULT_CONTENT_DIR): Promise<ContentFile[]> {
  const files: ContentFile[] = [];
  for (const folder of Object.keys(CONTENT_KINDS)) {
    let names: string[];
    try {
      names = await readdir(path.join(/*turbopackIgnore: true*/ dir, folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const name of names.sort()) {
      if (name.startsWith(".") || name === "README.md") continue;
      const text = await readFile(path.join(/*turbopackIgnore: true*/ dir, folder, name), "utf8");
      files.push({ path: `${folder}/${name}`, text });
    }
  }
  return files;
}
