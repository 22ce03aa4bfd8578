import { formatChange } from '@/lib/format';

/** A change with 红涨绿跌 colouring; the arrow carries the direction for colour-blind readers. */
export function Delta({ value, label }: { value: number | null | undefined; label?: string }) {
  const cls = value === null || value === undefined || value === 0 ? 'muted' : value > 0 ? 'up' : 'down';
  return (
    <span className={cls} title={label}>
      {label ? <span className="muted">{label} </span> : null}
      {formatChange(value)}
    </span>
  );
}
