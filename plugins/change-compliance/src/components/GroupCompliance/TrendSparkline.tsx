import { TrendBucket } from '@change-compliance/plugin-change-compliance-common';
import { useTheme } from '@material-ui/core/styles';

const WIDTH = 96;
const HEIGHT = 24;
/** Share of a week's slot its bar fills, leaving a gap between weeks. */
const BAR_SHARE = 0.75;

function plural(count: number, one: string) {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

/** The sparkline's words: the same counts as the bars, for readers who do not see them. */
export function sparklineText(trend: TrendBucket[]): string {
  const total = (key: 'compliant' | 'exceptions' | 'pending') =>
    trend.reduce((n, b) => n + b[key], 0);
  return `Weekly trend over ${plural(trend.length, 'week')}: ${total(
    'compliant',
  )} compliant, ${plural(total('exceptions'), 'exception')}, ${total(
    'pending',
  )} pending`;
}

/**
 * A service's weekly production deployments in a table cell: one bar per week, exceptions at its
 * foot where the eye lands first, then pending, then compliant. Bars share one scale within the
 * service, so a week's height is its volume and the red its exceptions.
 */
export function TrendSparkline(props: { trend: TrendBucket[] }) {
  const { trend } = props;
  const theme = useTheme();
  const max = Math.max(
    1,
    ...trend.map(b => b.compliant + b.exceptions + b.pending),
  );
  const slot = WIDTH / Math.max(trend.length, 1);
  const layers = [
    { key: 'exceptions', color: theme.palette.error.main },
    { key: 'pending', color: theme.palette.warning.main },
    { key: 'compliant', color: theme.palette.success.main },
  ] as const;
  const text = sparklineText(trend);

  return (
    <svg
      role="img"
      aria-label={text}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title>{text}</title>
      {trend.map((bucket, index) => {
        let top = HEIGHT;
        return layers.map(layer => {
          const height = (bucket[layer.key] / max) * (HEIGHT - 1);
          top -= height;
          return height > 0 ? (
            <rect
              key={`${bucket.weekStart}-${layer.key}`}
              x={index * slot + (slot * (1 - BAR_SHARE)) / 2}
              y={top}
              width={slot * BAR_SHARE}
              height={height}
              fill={layer.color}
            />
          ) : null;
        });
      })}
      <line
        x1={0}
        x2={WIDTH}
        y1={HEIGHT - 0.5}
        y2={HEIGHT - 0.5}
        stroke={theme.palette.divider}
      />
    </svg>
  );
}
