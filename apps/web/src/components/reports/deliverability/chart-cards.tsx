'use client';

import type { ComponentProps } from 'react';
import type { Resource } from '../../../lib/use-resource.ts';
import { BarsChart, type Reference, type Series, TrendChart } from './charts.tsx';
import { ReportCard } from './report-card.tsx';

/** A card's loading, error and retry, taken from the resource that feeds it. */
export function resourceState(resource: Pick<Resource<unknown>, 'loading' | 'error' | 'reload'>) {
  return { loading: resource.loading, error: resource.error, onRetry: () => void resource.reload() };
}

/** The card around a chart; `empty` may be left out when "no rows to plot" is what empty means. */
type ChartCardProps = Omit<ComponentProps<typeof ReportCard>, 'children' | 'empty'> & {
  empty?: boolean;
  /** The chart's accessible name (the card's title is the visible one). */
  chartLabel: string;
  data: object[];
  series: Series[];
};

/** A report card whose body is one time trend. */
export function TrendCard({
  chartLabel,
  data,
  series,
  unit,
  references,
  empty = data.length === 0,
  ...card
}: ChartCardProps & { unit: string; references?: Reference[] }) {
  return (
    <ReportCard {...card} empty={empty}>
      <TrendChart label={chartLabel} data={data} unit={unit} series={series} references={references} />
    </ReportCard>
  );
}

/** A report card whose body is one horizontal bar chart. */
export function BarsCard({
  chartLabel,
  data,
  series,
  category,
  unit,
  empty = data.length === 0,
  ...card
}: ChartCardProps & { category: string; unit?: string }) {
  return (
    <ReportCard {...card} empty={empty}>
      <BarsChart label={chartLabel} data={data} category={category} unit={unit} series={series} />
    </ReportCard>
  );
}
