/**
 * Horizontal bars: label on the left, the bar (plain SVG) and the value on the right; role="img" with the numbers.
 * The labels are HTML in a column of their own, so a long one wraps (at most three lines, then an ellipsis at its
 * end) instead of being cut at its start: "Blocked:" / "Override:" and the rule stay readable at 1024 px.
 */
export interface HBar {
  label: string;
  value: number;
  className?: string;
}

export function HBarChart(props: { bars: readonly HBar[]; label: string; format: (value: number) => string; testId: string }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <div className="hbar-chart" role="img" aria-label={props.label} data-testid={props.testId}>
      {props.bars.map((bar, i) => {
        const share = (bar.value / max) * 100;
        return (
          <div className="hbar-row" key={`${bar.label}-${i}`}>
            <span className="hbar-label" title={bar.label}>{bar.label}</span>
            <span className="hbar-track">
              <svg className="hbar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" width={`${Math.max(bar.value > 0 ? 1 : 0, share)}%`} height="16" aria-hidden="true">
                <rect x={0} y={0} width={100} height={10} className={bar.className ?? 'chart-bar'} />
              </svg>
              <span className="hbar-value">{props.format(bar.value)}</span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
