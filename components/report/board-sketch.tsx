import type { DiagramGraph } from "@/lib/diagram";
import { cn } from "@/components/ui/cn";

/**
 * The candidate's board redrawn from its parsed graph (boxes, zones, arrows and labels), so the report
 * can show and highlight what was drawn without loading the whole whiteboard editor.
 */
export function BoardSketch({
  graph,
  highlight = [],
  className,
  label,
}: {
  graph: DiagramGraph | null;
  highlight?: string[];
  className?: string;
  label: string;
}) {
  if (!graph || graph.nodes.length === 0) {
    return (
      <div
        className={cn(
          "flex h-40 items-center justify-center rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700",
          className,
        )}
      >
        Nothing on the board.
      </div>
    );
  }
  const boxes = [...graph.nodes.map((n) => n.box), ...graph.zones.map((z) => z.box)];
  const minX = Math.min(...boxes.map((b) => b.minX)) - 20;
  const minY = Math.min(...boxes.map((b) => b.minY)) - 20;
  const width = Math.max(...boxes.map((b) => b.maxX)) - minX + 20;
  const height = Math.max(...boxes.map((b) => b.maxY)) - minY + 20;
  const boxOf = new Map([...graph.nodes, ...graph.zones].map((n) => [n.id, n.box]));
  const lit = new Set(highlight);
  const fontSize = Math.max(12, Math.min(28, width / 60));
  return (
    <svg
      viewBox={`${minX} ${minY} ${width} ${height}`}
      className={cn("h-auto w-full rounded-lg bg-white dark:bg-zinc-950", className)}
      role="img"
      aria-label={label}
    >
      <defs>
        <marker
          id="board-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="fill-zinc-500" />
        </marker>
      </defs>
      {graph.zones.map((z) => (
        <g key={z.id}>
          <rect
            x={z.box.minX}
            y={z.box.minY}
            width={z.box.maxX - z.box.minX}
            height={z.box.maxY - z.box.minY}
            rx={12}
            className="fill-none stroke-zinc-300 dark:stroke-zinc-700"
            strokeDasharray="8 6"
            strokeWidth={2}
          />
          <text x={z.box.minX + 10} y={z.box.minY + fontSize + 4} fontSize={fontSize * 0.8} className="fill-zinc-500">
            {z.label}
          </text>
        </g>
      ))}
      {graph.edges.map((e) => {
        const fromBox = e.from ? boxOf.get(e.from) : undefined;
        const toBox = e.to ? boxOf.get(e.to) : undefined;
        if (!fromBox || !toBox) return null;
        // Arrows run between the boxes' borders, not their centres, so the heads stay visible.
        const from = borderPoint(fromBox, centreOf(toBox));
        const to = borderPoint(toBox, centreOf(fromBox));
        return (
          <line
            key={e.id}
            x1={from.x}
            y1={from.y}
            x2={to.x}
            y2={to.y}
            className="stroke-zinc-400 dark:stroke-zinc-600"
            strokeWidth={2}
            strokeDasharray={e.dashed ? "6 4" : undefined}
            markerEnd={e.direction === "--" ? undefined : "url(#board-arrow)"}
            markerStart={e.direction === "<->" ? "url(#board-arrow)" : undefined}
          />
        );
      })}
      {graph.nodes.map((n) => (
        <g key={n.id} data-node={n.id} data-highlighted={lit.has(n.id) || undefined}>
          <rect
            x={n.box.minX}
            y={n.box.minY}
            width={Math.max(20, n.box.maxX - n.box.minX)}
            height={Math.max(20, n.box.maxY - n.box.minY)}
            rx={10}
            className={cn(
              lit.has(n.id)
                ? "fill-amber-100 stroke-amber-500 dark:fill-amber-900/60"
                : "fill-zinc-50 stroke-zinc-400 dark:fill-zinc-900 dark:stroke-zinc-600",
            )}
            strokeWidth={lit.has(n.id) ? 4 : 2}
          />
          <text
            x={(n.box.minX + n.box.maxX) / 2}
            y={(n.box.minY + n.box.maxY) / 2}
            textAnchor="middle"
            dominantBaseline="middle"
            fontSize={fontSize}
            className="fill-zinc-800 dark:fill-zinc-200"
          >
            {n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label || n.id}
          </text>
        </g>
      ))}
    </svg>
  );
}

type Box = DiagramGraph["nodes"][number]["box"];

function centreOf(box: Box) {
  return { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 };
}

/** Where the line from the box's centre towards `target` leaves the box. */
function borderPoint(box: Box, target: { x: number; y: number }) {
  const c = centreOf(box);
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const halfW = (box.maxX - box.minX) / 2;
  const halfH = (box.maxY - box.minY) / 2;
  const scale = Math.min(dx === 0 ? Infinity : halfW / Math.abs(dx), dy === 0 ? Infinity : halfH / Math.abs(dy));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}
