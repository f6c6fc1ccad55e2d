/** Horizontal bars in plain SVG, label on the left and value on the right; role="img" with the numbers. */
export interface HBar {
  label: string;
  value: number;
  className?: string;
}

export function HBarChart(props: { bars: readonly HBar[]; label: string; format: (value: number) => string; testId: string }) {
  const width = 560;
  const row = 24;
  const labelWidth = 220;
  const valueWidth = 70;
  const height = Math.max(row, props.bars.length * row) + 4;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const span = width - labelWidth - valueWidth;
  return (
    <svg className="chart" role="img" aria-label={props.label} data-testid={props.testId} viewBox={`0 0 ${width} ${height}`} width="100%">
      {props.bars.map((bar, i) => (
        <g key={`${bar.label}-${i}`} transform={`translate(0, ${i * row + 2})`}>
          <text x={labelWidth - 8} y={row / 2 + 4} textAnchor="end" className="chart-tick">
            {bar.label}
          </text>
          <rect x={labelWidth} y={3} width={Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span)} height={row - 8} className={bar.className ?? 'chart-bar'} />
          <text x={labelWidth + (bar.value / max) * span + 6} y={row / 2 + 4} className="chart-value" textAnchor="start">
            {props.format(bar.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}
