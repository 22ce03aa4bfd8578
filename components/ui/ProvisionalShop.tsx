import { useState } from 'react';
import type { Lang } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging/protocol';
import type { Shop } from '@/lib/schema/shop';

/**
 * A shop known only by its account nick (seen on 千牛 or the ad consoles first). It joins the real
 * shop by itself when a 生意参谋 page shows the nick; the operator can also merge it now.
 */
export function ProvisionalShop({ shop, shops, lang }: { shop: Shop; shops: Shop[]; lang: Lang }) {
  const real = shops.filter((s) => !s.provisional);
  const [target, setTarget] = useState(real[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <div className="card small" data-testid="provisional-shop" role="status">
      <p style={{ margin: '0 0 6px' }}>
        {lang === 'zh'
          ? `「${shop.title}」只通过登录账号识别，尚未和 生意参谋 的店铺关联。打开 生意参谋 任一页面会自动关联；如果确认是同一家店，也可以现在合并：`
          : `"${shop.title}" is known only by its login nick and not yet linked to a 生意参谋 shop. Opening any 生意参谋 page links it; if you know it is the same shop, merge it now:`}
      </p>
      {real.length > 0 ? (
        <div className="row">
          <select aria-label={lang === 'zh' ? '合并到' : 'Merge into'} value={target} onChange={(e) => setTarget(e.target.value)}>
            {real.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy || !target}
            onClick={() => {
              setBusy(true);
              sendMessage('mergeShops', { fromId: shop.id, toId: target }).finally(() => setBusy(false));
            }}
          >
            {lang === 'zh' ? '合并' : 'Merge'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
