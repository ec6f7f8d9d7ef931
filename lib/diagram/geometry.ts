// Plain 2-D geometry helpers and a uniform spatial grid. Coordinates are Excalidraw scene pixels.

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned bounding box. Always normalised: min <= max. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boxFromRect(x: number, y: number, width: number, height: number): Box {
  // Hand-written scenes sometimes carry negative sizes; normalise instead of trusting the sign.
  return {
    minX: Math.min(x, x + width),
    minY: Math.min(y, y + height),
    maxX: Math.max(x, x + width),
    maxY: Math.max(y, y + height),
  };
}

export function boxFromPoints(points: readonly Point[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

export function boxWidth(b: Box): number {
  return b.maxX - b.minX;
}

export function boxHeight(b: Box): number {
  return b.maxY - b.minY;
}

export function boxArea(b: Box): number {
  return boxWidth(b) * boxHeight(b);
}

export function boxCentre(b: Box): Point {
  return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
}

export function unionBoxes(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    if (b.minX < minX) minX = b.minX;
    if (b.minY < minY) minY = b.minY;
    if (b.maxX > maxX) maxX = b.maxX;
    if (b.maxY > maxY) maxY = b.maxY;
  }
  return { minX, minY, maxX, maxY };
}

export function expandBox(b: Box, by: number): Box {
  return { minX: b.minX - by, minY: b.minY - by, maxX: b.maxX + by, maxY: b.maxY + by };
}

export function boxContainsPoint(b: Box, p: Point, tolerance = 0): boolean {
  return (
    p.x >= b.minX - tolerance && p.x <= b.maxX + tolerance && p.y >= b.minY - tolerance && p.y <= b.maxY + tolerance
  );
}

export function boxContainsBox(outer: Box, inner: Box, tolerance = 0): boolean {
  return (
    inner.minX >= outer.minX - tolerance &&
    inner.minY >= outer.minY - tolerance &&
    inner.maxX <= outer.maxX + tolerance &&
    inner.maxY <= outer.maxY + tolerance
  );
}

/** Distance from a point to a box; 0 when the point is inside. */
export function distancePointToBox(p: Point, b: Box): number {
  const dx = Math.max(b.minX - p.x, 0, p.x - b.maxX);
  const dy = Math.max(b.minY - p.y, 0, p.y - b.maxY);
  return Math.hypot(dx, dy);
}

/** Gap between two boxes; 0 when they touch or overlap. */
export function distanceBoxToBox(a: Box, b: Box): number {
  const dx = Math.max(b.minX - a.maxX, 0, a.minX - b.maxX);
  const dy = Math.max(b.minY - a.maxY, 0, a.minY - b.maxY);
  return Math.hypot(dx, dy);
}

/** Distance from a point to the outline of a box (inside or outside). */
export function distancePointToBoxBorder(p: Point, b: Box): number {
  if (!boxContainsPoint(b, p)) return distancePointToBox(p, b);
  return Math.min(p.x - b.minX, b.maxX - p.x, p.y - b.minY, b.maxY - p.y);
}

/** Distance from p to segment ab, and the parameter t in [0,1] of the closest point. */
export function distancePointToSegment(p: Point, a: Point, b: Point): { distance: number; t: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq;
  t = Math.max(0, Math.min(1, t));
  return { distance: Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)), t };
}

export function rotatePoint(p: Point, centre: Point, angle: number): Point {
  if (angle === 0) return p;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const dx = p.x - centre.x;
  const dy = p.y - centre.y;
  return { x: centre.x + dx * cos - dy * sin, y: centre.y + dx * sin + dy * cos };
}

/** Bounding box of a box rotated by `angle` radians about its centre (Excalidraw rotates about the centre). */
export function rotateBox(b: Box, angle: number): Box {
  if (angle === 0) return b;
  const centre = boxCentre(b);
  const corners: Point[] = [
    { x: b.minX, y: b.minY },
    { x: b.maxX, y: b.minY },
    { x: b.maxX, y: b.maxY },
    { x: b.minX, y: b.maxY },
  ];
  return boxFromPoints(corners.map((c) => rotatePoint(c, centre, angle)));
}

/**
 * Multi-level uniform grid over boxes identified by small integer ids, so neighbour and
 * containment queries touch only nearby items instead of every item (keeps graph building
 * near-linear). Each box lives in the finest level where it spans at most a few cells, so a huge
 * zone does not fill thousands of fine cells and small items are not lumped with it.
 */
export class SpatialGrid {
  // Cell sizes grow 16× per level: 256 px … ~16.7M px, enough for any accepted coordinate.
  private static readonly LEVEL_SIZES = [256, 4_096, 65_536, 1_048_576, 16_777_216];
  private static readonly MAX_CELLS_PER_SIDE = 4;
  static readonly DEFAULT_QUERY_LIMIT = 256;
  private readonly levels = SpatialGrid.LEVEL_SIZES.map(() => new Map<string, number[]>());
  private readonly boxes: Box[] = [];
  private readonly visitStamp: number[] = [];
  private stamp = 0;

  insert(id: number, box: Box): void {
    this.boxes[id] = box;
    this.visitStamp[id] = 0;
    const sizes = SpatialGrid.LEVEL_SIZES;
    let level = 0;
    while (
      level < sizes.length - 1 &&
      Math.max(cellSpan(box.minX, box.maxX, sizes[level]!), cellSpan(box.minY, box.maxY, sizes[level]!)) >
        SpatialGrid.MAX_CELLS_PER_SIDE
    ) {
      level++;
    }
    const size = sizes[level]!;
    const cells = this.levels[level]!;
    for (let cx = Math.floor(box.minX / size); cx <= Math.floor(box.maxX / size); cx++) {
      for (let cy = Math.floor(box.minY / size); cy <= Math.floor(box.maxY / size); cy++) {
        const key = `${cx},${cy}`;
        const cell = cells.get(key);
        if (cell) cell.push(id);
        else cells.set(key, [id]);
      }
    }
  }

  /**
   * Calls `visit` once for every item whose box overlaps `area`, finest level first. Returning
   * `true` from `visit` stops the walk early. Callers must break ties themselves rather than
   * rely on visiting order.
   *
   * At most `limit` overlapping items are visited: real diagrams never stack hundreds of shapes
   * on one spot, and the cap keeps hostile scenes (thousands of identical stacked rectangles)
   * from turning every query linear. Answers on such scenes are approximate but deterministic.
   */
  query(area: Box, visit: (id: number, box: Box) => boolean | void, limit = SpatialGrid.DEFAULT_QUERY_LIMIT): void {
    const stamp = ++this.stamp;
    let visited = 0;
    const check = (id: number): boolean => {
      if (this.visitStamp[id] === stamp) return false;
      this.visitStamp[id] = stamp;
      const box = this.boxes[id];
      if (!box || box.maxX < area.minX || box.minX > area.maxX || box.maxY < area.minY || box.minY > area.maxY) {
        return false;
      }
      return visit(id, box) === true || ++visited >= limit;
    };
    for (let level = 0; level < this.levels.length; level++) {
      const cells = this.levels[level]!;
      if (cells.size === 0) continue;
      const size = SpatialGrid.LEVEL_SIZES[level]!;
      const x0 = Math.floor(area.minX / size);
      const y0 = Math.floor(area.minY / size);
      const x1 = Math.floor(area.maxX / size);
      const y1 = Math.floor(area.maxY / size);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > cells.size) {
        // A query larger than the occupied area: walking occupied cells is cheaper than empty ones.
        for (const cell of cells.values()) for (const id of cell) if (check(id)) return;
        continue;
      }
      for (let cx = x0; cx <= x1; cx++) {
        for (let cy = y0; cy <= y1; cy++) {
          const cell = cells.get(`${cx},${cy}`);
          if (!cell) continue;
          for (const id of cell) if (check(id)) return;
        }
      }
    }
  }
}

function cellSpan(min: number, max: number, size: number): number {
  return Math.floor(max / size) - Math.floor(min / size) + 1;
}
