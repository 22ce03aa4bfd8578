/**
 * Annotations on the console page (isolated world): one annotator per document whose URL
 * belongs to an annotated page family; refreshed when the background says findings changed.
 */
import { familyForPage } from '@/lib/adapters/registry';
import { type Annotator, startAnnotator } from '@/lib/annotate/controller';
import { ANNOTATED_FAMILIES, type AnnotatedFamily } from '@/lib/annotate/types';
import { onMessage, sendMessage } from '@/lib/messaging/protocol';

export function startPageAnnotations(): () => void {
  let annotator: Annotator | null = null;
  let unlisten: (() => void) | null = null;
  try {
    const family = familyForPage(new URL(location.href))?.id;
    if (!family || !(ANNOTATED_FAMILIES as readonly string[]).includes(family)) return () => {};
    const start = () => {
      try {
        annotator = startAnnotator({
          family: family as AnnotatedFamily,
          doc: document,
          loc: location,
          request: (req) => sendMessage('annotations', req).catch(() => null),
          since: Math.floor(performance.timeOrigin),
          // The background validates the entry (journal schema) and answers with its id.
          logAction: (req) => sendMessage('logAction', req),
        });
      } catch {
        /* never throw on the host page */
      }
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
    unlisten = onMessage('findingsChanged', () => {
      annotator?.refresh();
    });
  } catch {
    /* never throw on the host page */
  }
  return () => {
    try {
      unlisten?.();
      annotator?.stop();
    } catch {
      /* ignore */
    }
  };
}
