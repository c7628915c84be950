import { InfoCard } from '@backstage/core-components';
import { TrendBucket } from '@change-compliance/plugin-change-compliance-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { formatUtcDate } from '../../compliance/formatTime';

const HEIGHT = 140;
const AXIS = 18;
/** Share of a week's slot its bar fills. */
const BAR_SHARE = 0.7;

function weekText(bucket: TrendBucket) {
  return `Week of ${formatUtcDate(bucket.weekStart)}: ${
    bucket.compliant
  } compliant, ${bucket.exceptions} exception${
    bucket.exceptions === 1 ? '' : 's'
  }, ${bucket.pending} pending`;
}

/**
 * Weekly production deployments, compliant against exceptions (pending on top), as stacked bars.
 * Plain SVG: the repository has no chart library, and one bar series does not justify adding one.
 * Each bar carries its counts as a tooltip and the whole chart a text summary, so the numbers are
 * there for readers who do not see the bars.
 */
export function WeeklyTrendChart(props: { trend: TrendBucket[] }) {
  const { trend } = props;
  const theme = useTheme();
  const totals = trend.map(b => b.compliant + b.exceptions + b.pending);
  const max = Math.max(1, ...totals);
  const sum = (key: 'compliant' | 'exceptions' | 'pending') =>
    trend.reduce((n, b) => n + b[key], 0);
  // Horizontal positions in percent and vertical ones in pixels: the chart takes the card's
  // width without stretching its text, whatever the number of weeks.
  const step = 100 / Math.max(trend.length, 1);
  const scale = (count: number) => (count / max) * (HEIGHT - AXIS - 4);
  const series = [
    { key: 'compliant', label: 'Compliant', color: theme.palette.success.main },
    { key: 'exceptions', label: 'Exceptions', color: theme.palette.error.main },
    { key: 'pending', label: 'Pending', color: theme.palette.warning.main },
  ] as const;
  const exceptions = sum('exceptions');
  const summary = `Weekly production deployments over ${
    trend.length
  } weeks: ${sum('compliant')} compliant, ${exceptions} exception${
    exceptions === 1 ? '' : 's'
  }, ${sum('pending')} pending.`;

  return (
    <InfoCard title="Weekly trend">
      {totals.every(t => t === 0) ? (
        <Typography variant="body2" color="textSecondary">
          No evaluated deployment in this period.
        </Typography>
      ) : (
        <>
          <svg role="img" aria-label={summary} width="100%" height={HEIGHT}>
            {trend.map((bucket, index) => {
              const x = `${index * step + (step * (1 - BAR_SHARE)) / 2}%`;
              let y = HEIGHT - AXIS;
              return (
                <g key={bucket.weekStart}>
                  <title>{weekText(bucket)}</title>
                  {series.map(s => {
                    const h = scale(bucket[s.key]);
                    y -= h;
                    return h > 0 ? (
                      <rect
                        key={s.key}
                        x={x}
                        y={y}
                        width={`${step * BAR_SHARE}%`}
                        height={h}
                        fill={s.color}
                      />
                    ) : null;
                  })}
                </g>
              );
            })}
            <line
              x1="0"
              x2="100%"
              y1={HEIGHT - AXIS}
              y2={HEIGHT - AXIS}
              stroke={theme.palette.divider}
            />
            {trend.length > 0 && (
              <>
                <text
                  x={0}
                  y={HEIGHT - 4}
                  fontSize={10}
                  fill={theme.palette.text.secondary}
                >
                  {formatUtcDate(trend[0].weekStart)}
                </text>
                <text
                  x="100%"
                  y={HEIGHT - 4}
                  fontSize={10}
                  textAnchor="end"
                  fill={theme.palette.text.secondary}
                >
                  {formatUtcDate(trend[trend.length - 1].weekStart)}
                </text>
              </>
            )}
          </svg>
          <Box display="flex" style={{ gap: 16 }} mt={1}>
            {series.map(s => (
              <Box key={s.key} display="flex" alignItems="center">
                <Box
                  width={10}
                  height={10}
                  mr={0.5}
                  style={{ backgroundColor: s.color }}
                />
                <Typography variant="caption">
                  {s.label}: {sum(s.key)}
                </Typography>
              </Box>
            ))}
          </Box>
        </>
      )}
    </InfoCard>
  );
}
