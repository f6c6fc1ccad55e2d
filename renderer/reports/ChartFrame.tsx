/** A report section: title, CSV link, the chart, and a toggle that shows the same numbers as a table. */
import { useId, useState, type ReactNode } from 'react';
import type { T } from '../records/page-shell.js';

export function ChartFrame(props: {
  t: T;
  title: string;
  testId: string;
  csvHref: string | null;
  empty: string | null;
  chart: ReactNode;
  header: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}) {
  const { t } = props;
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const tableId = useId();
  return (
    <section className="rec-panel report" aria-labelledby={titleId} data-testid={props.testId}>
      <div className="report-head">
        <h2 id={titleId}>{props.title}</h2>
        <span className="header-spacer" />
        {props.empty === null && (
          <button type="button" className="btn small" aria-expanded={showTable} aria-controls={tableId} data-testid={`${props.testId}-table-toggle`} onClick={() => setShowTable(!showTable)}>
            {showTable ? t('reportsHideTable') : t('reportsShowTable')}
          </button>
        )}
        {props.csvHref && (
          <a className="btn small" href={props.csvHref} download data-testid={`${props.testId}-csv`}>
            {t('reportsCsv')}
          </a>
        )}
      </div>
      {props.empty !== null ? <p className="muted">{props.empty}</p> : props.chart}
      <div id={tableId} hidden={!showTable || props.empty !== null}>
        <table className="rec-table">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {props.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
