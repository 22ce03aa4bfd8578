/* sycm 市场/竞争 SPA (sandbox). Vanilla JS, inlined into the /mc/ pages and invoked as sandboxMarket(BOOT).
 * Like the real console it decrypts hex `data` in the page (here with WebCrypto; sycm uses CryptoJS). Rank
 * lists and the free compare use fetch; the monitored-shop list and the paid compare use XMLHttpRequest. */
// biome-ignore lint/correctness/noUnusedVariables: invoked by the inline bootstrap that market.ts appends.
function sandboxMarket(BOOT) {
  var state = { date: BOOT.date, type: 'shop', card: 'hotsale', seq: 0 };
  var $ = (sel) => document.querySelector(sel);
  var KEY = 'w28Cz694s63kBYk4';
  var IV = '4kYBk36s496zC82w';
  var LABEL = {
    cateRankId: '排名',
    tradeIndex: '交易指数',
    tradeGrowthRange: '交易增长幅度',
    payRateIndex: '支付转化指数',
    uvIndex: '流量指数',
    seIpvUvHits: '搜索人气',
    cltHits: '收藏人气',
    cartHits: '加购人气',
    payByrCntIndex: '客群指数',
  };
  var CARD_CODES = {
    hotsale: ['tradeIndex', 'tradeGrowthRange', 'payRateIndex'],
    hotsearch: ['uvIndex', 'seIpvUvHits', 'tradeIndex'],
    hotpurpose: ['cltHits', 'cartHits', 'tradeIndex'],
  };

  function hexBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    var i;
    for (i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function decrypt(data) {
    if (typeof data !== 'string' || !/^[0-9A-F]+$/.test(data)) return Promise.resolve(data);
    var enc = new TextEncoder();
    return crypto.subtle
      .importKey('raw', enc.encode(KEY), { name: 'AES-CBC' }, false, ['decrypt'])
      .then((key) => crypto.subtle.decrypt({ name: 'AES-CBC', iv: enc.encode(IV) }, key, hexBytes(data)))
      .then((buf) => JSON.parse(new TextDecoder().decode(buf)));
  }

  function unwrap(text) {
    var res;
    try {
      res = JSON.parse(text);
    } catch (_e) {
      return Promise.reject(new Error('登录已失效,请重新登录'));
    }
    if (res?.code !== 0) return Promise.reject(new Error(res?.message || '请求失败'));
    return decrypt(res.data);
  }

  function query(extra) {
    return `dateType=day&dateRange=${state.date}%7C${state.date}${extra}&token=${encodeURIComponent(BOOT.token)}&_=${Date.now()}`;
  }

  var HEADERS = { 'Sycm-Referer': location.pathname };

  function viaFetch(path, extra) {
    return fetch(`${path}?${query(extra)}`, { credentials: 'include', headers: HEADERS })
      .then((r) => r.text())
      .then(unwrap);
  }

  function viaXhr(path, extra) {
    return new Promise((resolve, reject) => {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', `${path}?${query(extra)}`, true);
      xhr.withCredentials = true;
      xhr.setRequestHeader('Sycm-Referer', location.pathname);
      xhr.onload = () => unwrap(xhr.responseText).then(resolve, reject);
      xhr.onerror = () => reject(new Error('网络异常'));
      xhr.send();
    });
  }

  function v(w) {
    return w && typeof w === 'object' ? w.value : w;
  }

  function fmt(x) {
    if (x === null || x === undefined || x === '') return '-';
    if (typeof x === 'number') return x.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
    return String(x);
  }

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function head(table, names) {
    var thead = table.querySelector('thead');
    thead.textContent = '';
    var tr = document.createElement('tr');
    names.forEach((n) => {
      var th = document.createElement('th');
      th.textContent = n;
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    var tbody = table.querySelector('tbody');
    tbody.textContent = '';
    return tbody;
  }

  function showError(e) {
    var b = $('#error-banner');
    b.textContent = e?.message || String(e);
    b.classList.add('show');
  }

  function done(seq, marker) {
    if (seq !== state.seq) return;
    $('#error-banner').classList.remove('show');
    $('#stat-date').textContent = state.date;
    document.body.dataset.rendered = marker;
    document.body.dataset.renderedDate = state.date;
  }

  function loadRank() {
    var seq = ++state.seq;
    var codes = CARD_CODES[state.card];
    var orderBy = state.card === 'hotsale' ? 'tradeIndex' : state.card === 'hotsearch' ? 'uvIndex' : 'cartHits';
    var extra = `&cateId=${BOOT.cateId}&device=0&sellerType=-1&page=1&pageSize=10&order=desc&orderBy=${orderBy}&indexCode=${codes.join(',')}`;
    viaFetch(`/mc/mq/mkt/rank/${state.type}/${state.card}.json`, extra)
      .then((rows) => {
        if (seq !== state.seq) return;
        var tbody = head($('#market-table'), ['排名', state.type === 'shop' ? '店铺' : '商品', ...codes.map((c) => LABEL[c])]);
        rows.forEach((row) => {
          var tr = document.createElement('tr');
          tr.dataset.id = state.type === 'shop' ? row.shop?.userId : row.item?.itemId;
          cell(tr, fmt(v(row.cateRankId)));
          cell(tr, state.type === 'shop' ? row.shop?.title : row.item?.title);
          codes.forEach((c) => {
            cell(tr, fmt(v(row[c])));
          });
          tbody.appendChild(tr);
        });
        done(seq, `${state.type}.${state.card}.${state.date}`);
      })
      .catch(showError);
  }

  function loadMonitor() {
    var seq = ++state.seq;
    var r1 = BOOT.rivals[0]?.userId;
    var r2 = BOOT.rivals[1]?.userId;
    var list = viaXhr(
      '/mc/ci/shop/monitor/listShop.json',
      `&cateId=${BOOT.cateId}&device=0&sellerType=-1&indexCode=cateRankId,tradeIndex,uvIndex&orderBy=tradeIndex&order=desc&page=1&pageSize=10`,
    );
    var core = viaXhr('/mc/rivalShop/analysis/getCoreIndexes.json', `&cateId=${BOOT.cateId}&device=0&rivalUser1Id=${r1}&rivalUser2Id=${r2}`);
    Promise.all([list, core])
      .then(([rows, blocks]) => {
        if (seq !== state.seq) return;
        var tbody = head($('#market-table'), ['店铺', '行业排名', '交易指数', '流量指数']);
        rows.forEach((row) => {
          var tr = document.createElement('tr');
          tr.dataset.id = row.shop_userId;
          cell(tr, row.shop_title);
          cell(tr, fmt(v(row.cate_cateRankId)));
          cell(tr, fmt(v(row.cate_tradeIndex)));
          cell(tr, fmt(v(row.cate_uvIndex)));
          tbody.appendChild(tr);
        });
        var names = { selfShop: '本店', rivalShop1: BOOT.rivals[0]?.title, rivalShop2: BOOT.rivals[1]?.title };
        var codes = ['tradeIndex', 'uvIndex', 'cltHits', 'cartHits', 'payRateIndex', 'payByrCntIndex'];
        var body2 = head($('#compare-table'), ['', ...codes.map((c) => LABEL[c])]);
        Object.keys(names).forEach((k) => {
          var tr = document.createElement('tr');
          cell(tr, names[k]);
          codes.forEach((c) => {
            cell(tr, fmt(v(blocks[k]?.[c])));
          });
          body2.appendChild(tr);
        });
        done(seq, `monitor.${state.date}`);
      })
      .catch(showError);
  }

  function loadFree() {
    var seq = ++state.seq;
    viaFetch('/mc/mq/rivalShop/analysis/getCoreIndexes.json', `&sellerId=${BOOT.sellerId}&marketVersion=free`)
      .then((data) => {
        if (seq !== state.seq) return;
        var rival = BOOT.rivals.find((r) => r.userId === BOOT.sellerId);
        var tbody = head($('#compare-table'), ['指标', '本店', rival ? rival.title : '竞店']);
        (data.keyMetrics || []).forEach((m) => {
          var tr = document.createElement('tr');
          tr.dataset.indexCode = m.indexCode;
          cell(tr, m.indexName);
          cell(tr, m.indexCode === 'payRate' ? `${(m.selfShop * 100).toFixed(2)}%` : fmt(m.selfShop));
          cell(tr, m.rivalShop1);
          tbody.appendChild(tr);
        });
        var uv = data.keyMetricTrends?.uv;
        var t = head($('#market-table'), ['日期', '本店访客数', '竞店访客数']);
        (uv?.selfShop?.statDate || []).forEach((ms, i) => {
          var tr = document.createElement('tr');
          cell(tr, new Date(ms + 8 * 3600000).toISOString().slice(0, 10));
          cell(tr, fmt(uv.selfShop.uv[i]));
          cell(tr, uv.rivalShop1?.uv?.value?.[i] ?? '-');
          t.appendChild(tr);
        });
        done(seq, `free.${state.date}`);
      })
      .catch(showError);
  }

  function load() {
    if (BOOT.page === 'rank') loadRank();
    else if (BOOT.page === 'monitor') loadMonitor();
    else loadFree();
  }

  $('#date-picker').addEventListener('change', (e) => {
    if (!e.target.value) return;
    state.date = e.target.value;
    load();
  });
  document.querySelectorAll('#rank-tabs button').forEach((b) => {
    b.addEventListener('click', () => {
      var group = b.dataset.type ? 'type' : 'card';
      document.querySelectorAll(`#rank-tabs button[data-${group}]`).forEach((x) => {
        x.classList.toggle('on', x === b);
      });
      state[group] = b.dataset[group];
      load();
    });
  });
  load();
}
