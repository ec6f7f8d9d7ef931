/**
 * A tiny SVG line of levels 1–4 (hand-written: a chart library would add ~100 KB to a page that
 * needs one polyline). Gaps (not assessable) break the line.
 */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const width = 240;
  const height = 48;
  const x = (i: number) => (values.length === 1 ? width / 2 : 6 + (i * (width - 12)) / (values.length - 1));
  const y = (level: number) => height - 6 - ((level - 1) / 3) * (height - 12);
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
    } else current += `${current ? " L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="mt-2 h-12 w-full"
      role="img"
      aria-label={`${label}: ${values.map((v) => v ?? "n/a").join(", ")}`}
    >
      {[1, 2, 3, 4].map((level) => (
        <line
          key={level}
          x1={0}
          x2={width}
          y1={y(level)}
          y2={y(level)}
          className="stroke-zinc-100 dark:stroke-zinc-800"
          strokeWidth={1}
        />
      ))}
      {segments.map((d, i) => (
        <path
          key={i}
          d={d}
          fill="none"
          className="stroke-accent-500"
          strokeWidth={2}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ))}
      {values.map((v, i) =>
        v === null ? null : (
          <circle key={i} cx={x(i)} cy={y(v)} r={2.5} className="fill-accent-600 dark:fill-accent-400" />
        ),
      )}
    </svg>
  );
}
