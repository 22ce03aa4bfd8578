import type { Lang } from '@/lib/format';
import type { Finding } from '@/lib/schema/finding';

/** Replaced by the journal / tasks features (issue #6): renders nothing until then. */
export function LogActionButton(_props: { f: Finding; lang: Lang }) {
  return null;
}
