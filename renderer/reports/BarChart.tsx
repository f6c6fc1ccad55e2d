/**
 * A bar chart in plain SVG. Accessible: role="img" with an aria-label that reads out the numbers,
 * and the same data as a table behind a toggle (ChartFrame).
 */
export interface Bar {
  label: string;
  value: number;
}

export function BarChart(props: { bars: readonly Bar[]; label: string; format: (value: number) => string; testId: string; width?: number; height?: number }) {
  const width = props.width ?? 560;
  const height = props.height ?? 180;
  const pad = { left: 8, right: 8, top: 18, bottom: 20 };
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, props.bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plot = height - pad.top - pad.bottom;
  return (
    <svg className="chart" role="img" aria-label={props.label} data-testid={props.testId} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMidYMid meet">
      <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} className="chart-axis" />
      {props.bars.map((bar, i) => {
        const h = (bar.value / max) * plot;
        const x = pad.left + i * slot + (slot - barWidth) / 2;
        const y = height - pad.bottom - h;
        return (
          <g key={bar.label}>
            <rect x={x} y={y} width={barWidth} height={h} className="chart-bar" />
            {bar.value > 0 && (
              <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" className="chart-value">
                {props.format(bar.value)}
              </text>
            )}
            <text x={x + barWidth / 2} y={height - 6} textAnchor="middle" className="chart-tick">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
