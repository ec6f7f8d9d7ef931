/** Small Excalidraw scenes for tests: labelled boxes in a row, as the board autosave sends them. */
export function boardElements(labels: string[]) {
  return labels.flatMap((label, i) => [
    {
      id: `box-${i}`,
      type: "rectangle",
      x: i * 240,
      y: 0,
      width: 160,
      height: 80,
      angle: 0,
      isDeleted: false,
      groupIds: [],
      boundElements: [{ id: `box-${i}-t`, type: "text" }],
      version: 1,
    },
    {
      id: `box-${i}-t`,
      type: "text",
      x: i * 240 + 10,
      y: 30,
      width: 140,
      height: 20,
      angle: 0,
      isDeleted: false,
      groupIds: [],
      containerId: `box-${i}`,
      text: label,
      originalText: label,
      version: 1,
    },
  ]);
}

/** The request body of a board save with those boxes. */
export function boardScene(labels: string[]): string {
  return JSON.stringify({ scene: { type: "excalidraw", version: 2, elements: boardElements(labels) } });
}
