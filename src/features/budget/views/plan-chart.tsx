import { niceTicks, GRID, INK, MUTED_INK } from '../../charts/index.ts';
import { formatEuro } from '../money.ts';
import type { Totals } from '../budget.service.ts';

const PLAN = '#1f5c99';
const SPENT = '#b35900';

/**
 * Plan against realisation per group as horizontal bars: the planned amount and the amount
 * committed plus spent. Hand-written SVG (no inline style, so the CSP holds); the table on the
 * same page carries every figure.
 */
export function PlanChart(props: {
  title: string;
  groups: ReadonlyArray<{ label: string } & Totals>;
}) {
  if (props.groups.length === 0) return null;
  const labelWidth = 260;
  const width = 720;
  const plotWidth = width - labelWidth - 24;
  const bar = 14;
  const groupHeight = bar * 2 + 18;
  const top = 28;
  const height = top + props.groups.length * groupHeight + 28;
  const max = Math.max(
    1,
    ...props.groups.map((g) => Math.max(g.plannedCents, g.committedCents + g.spentCents)),
  );
  const ticks = niceTicks(0, max / 100, 4).filter((t) => t >= 0);
  const domainMax = Math.max(max / 100, ticks[ticks.length - 1] ?? 1);
  const x = (euros: number) => labelWidth + (Math.max(0, euros) / domainMax) * plotWidth;
  const desc = props.groups
    .map(
      (g) =>
        `${g.label}: begroot ${formatEuro(g.plannedCents)}, verplicht en uitgegeven ${formatEuro(g.committedCents + g.spentCents)}`,
    )
    .join('; ');
  return (
    <figure class="wk-figure">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="plan-grafiek-titel plan-grafiek-uitleg"
      >
        <title id="plan-grafiek-titel">{props.title}</title>
        <desc id="plan-grafiek-uitleg">{desc}</desc>
        <g font-size="12" fill={INK}>
          <rect x={labelWidth} y={6} width={12} height={12} fill={PLAN} />
          <text x={labelWidth + 18} y={16}>
            Begroot
          </text>
          <rect x={labelWidth + 100} y={6} width={12} height={12} fill={SPENT} />
          <text x={labelWidth + 118} y={16}>
            Verplicht + uitgegeven
          </text>
        </g>
        {ticks.map((t) => (
          <g>
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - 22} stroke={GRID} />
            <text x={x(t)} y={height - 8} font-size="11" fill={MUTED_INK} text-anchor="middle">
              {formatEuro(Math.round(t * 100)).replace(/,00$/, '')}
            </text>
          </g>
        ))}
        {props.groups.map((g, i) => {
          const y = top + i * groupHeight;
          return (
            <g>
              <text x={labelWidth - 8} y={y + bar + 4} font-size="12" fill={INK} text-anchor="end">
                {g.label.length > 40 ? `${g.label.slice(0, 39)}…` : g.label}
              </text>
              <rect
                x={labelWidth}
                y={y}
                width={x(g.plannedCents / 100) - labelWidth}
                height={bar}
                fill={PLAN}
              />
              <rect
                x={labelWidth}
                y={y + bar + 2}
                width={x((g.committedCents + g.spentCents) / 100) - labelWidth}
                height={bar}
                fill={SPENT}
              />
            </g>
          );
        })}
      </svg>
      <figcaption class="utrecht-paragraph">
        {props.title}. Alle bedragen staan ook in de tabel hieronder.
      </figcaption>
    </figure>
  );
}
