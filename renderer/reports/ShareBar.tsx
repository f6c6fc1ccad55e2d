/** A 100% stacked bar in plain SVG (tender mix): one segment per part, with a legend. role="img" with the numbers. */
export interface Share {
  label: string;
  value: number;
  className: string;
}

export function ShareBar(props: { parts: readonly Share[]; label: string; format: (value: number) => string; testId: string }) {
  const width = 560;
  const total = props.parts.reduce((sum, p) => sum + p.value, 0);
  let x = 0;
  return (
    <svg className="chart" role="img" aria-label={props.label} data-testid={props.testId} viewBox={`0 0 ${width} 64`} width="100%">
      {total === 0 ? (
        <rect x={0} y={4} width={width} height={28} className="chart-empty" />
      ) : (
        props.parts.map((part) => {
          const w = (part.value / total) * width;
          const seg = (
            <rect key={part.label} x={x} y={4} width={w} height={28} className={part.className}>
              <title>{`${part.label} ${props.format(part.value)}`}</title>
            </rect>
          );
          x += w;
          return seg;
        })
      )}
      {props.parts.map((part, i) => (
        <g key={`legend-${part.label}`} transform={`translate(${i * 280}, 44)`}>
          <rect width={12} height={12} className={part.className} />
          <text x={18} y={11} className="chart-tick" textAnchor="start">
            {`${part.label} ${props.format(part.value)} (${total === 0 ? 0 : Math.round((part.value / total) * 100)}%)`}
          </text>
        </g>
      ))}
    </svg>
  );
}
