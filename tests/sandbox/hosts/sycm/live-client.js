/* sycm 实时 SPA (sandbox). Vanilla JS, inlined by live.ts and invoked with BOOT. The overview and
 * the source top load with fetch, the curve, the rank and the 昨日 blocks with XMLHttpRequest.
 * Sets body[data-rendered-date] (today) and body[data-snapshot-minute] when done. */
(BOOT) => {
  var state = { index: 'uv', page: 1, seq: 0 };
  var body = document.body;
  var $ = (sel) => document.querySelector(sel);
  function val(w) {
    return w && typeof w === 'object' ? w.value : w;
  }
  function num(v) {
    v = val(v);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  function int(v) {
    var n = num(v);
    return n === null ? '-' : n.toLocaleString('zh-CN');
  }
  function money(v) {
    var n = num(v);
    return n === null ? '-' : `¥${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  function pct(v) {
    var n = num(v);
    return n === null ? '-' : `${(n * 100).toFixed(2)}%`;
  }
  function cell(tr, content) {
    var td = document.createElement('td');
    td.textContent = content;
    tr.appendChild(td);
  }
  function ApiError(code, message) {
    this.code = code;
    this.message = message;
  }
  function unwrap(text) {
    var res;
    try {
      res = JSON.parse(text);
    } catch (_e) {
      throw new ApiError('login', '登录已失效,请重新登录');
    }
    if (res?.hasError) throw new ApiError('hasError', '请求失败');
    if (res?.content && typeof res.content === 'object') res = res.content;
    if (res?.code !== 0) throw new ApiError(res ? res.code : 'empty', res?.message || '请求失败');
    return res.data;
  }
  var HEADERS = { 'Sycm-Referer': location.pathname, 'Onetrace-Card-Id': encodeURIComponent('实时直播|实时概况') };
  var TODAY = `dateType=today&dateRange=${BOOT.today}%7C${BOOT.today}`;
  function tail() {
    return `&token=${encodeURIComponent(BOOT.token)}&_=${Date.now()}`;
  }
  function viaFetch(url) {
    return fetch(url + tail(), { credentials: 'include', headers: HEADERS })
      .then((r) => r.text())
      .then(unwrap);
  }
  function viaXhr(url) {
    return new Promise((resolve, reject) => {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', url + tail(), true);
      xhr.withCredentials = true;
      Object.keys(HEADERS).forEach((h) => {
        xhr.setRequestHeader(h, HEADERS[h]);
      });
      xhr.onload = () => {
        try {
          resolve(unwrap(xhr.responseText));
        } catch (e) {
          reject(e);
        }
      };
      xhr.onerror = () => reject(new ApiError('network', '网络异常'));
      xhr.send();
    });
  }

  var CARDS = [
    ['payAmt', '支付金额', money],
    ['uv', '访客数', int],
    ['payByrCnt', '支付买家数', int],
    ['payRate', '支付转化率', pct],
    ['pv', '浏览量', int],
    ['payOrdCnt', '支付子订单数', int],
    ['payItmCnt', '支付件数', int],
  ];
  function renderCards(box, block, other, otherLabel) {
    box.textContent = '';
    CARDS.forEach((c) => {
      var card = document.createElement('div');
      card.className = 'card';
      card.dataset.kpi = c[0];
      var label = document.createElement('div');
      label.className = 'label';
      label.textContent = c[1];
      var value = document.createElement('div');
      value.className = 'value';
      value.textContent = c[2](block?.[c[0]]);
      card.append(label, value);
      if (other) {
        const sub = document.createElement('div');
        sub.className = 'crc';
        sub.textContent = `${otherLabel} ${c[2](other[c[0]])}`;
        card.appendChild(sub);
      }
      box.appendChild(card);
    });
  }

  function renderCurve(data) {
    var svg = $('#live-chart');
    var t = data?.today?.payAmt || [];
    var y = data?.yestday?.payAmt || [];
    var all = t.concat(y).filter((v) => typeof v === 'number');
    var max = all.length ? Math.max.apply(null, all) : 1;
    var W = 1000,
      H = 220,
      L = 50,
      R = 10,
      T = 10,
      B = 24;
    function x(i) {
      return L + (i * (W - L - R)) / 23;
    }
    function yv(v) {
      return T + (1 - v / (max || 1)) * (H - T - B);
    }
    function path(s) {
      return s.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)} ${yv(v).toFixed(1)}`).join(' ');
    }
    var ticks = [0, 6, 12, 18, 23]
      .map((h) => `<text x="${x(h)}" y="${H - 6}" font-size="11" fill="#999" text-anchor="middle">${String(h).padStart(2, '0')}:00</text>`)
      .join('');
    svg.innerHTML = `${ticks}<path d="${path(y)}" fill="none" stroke="#faad14" stroke-width="2" stroke-dasharray="6 4"/><path class="today-line" d="${path(t)}" fill="none" stroke="#1a66ff" stroke-width="2.5"/>`;
  }

  function renderRank(data) {
    var tbody = $('#rank-table tbody');
    tbody.textContent = '';
    var list = data?.data?.list || [];
    list.forEach((r) => {
      var tr = document.createElement('tr');
      tr.dataset.itemId = String(val(r.itemId));
      cell(tr, String(val(r.title)));
      cell(tr, int(r.uv));
      cell(tr, money(r.payAmt));
      cell(tr, int(r.payByrCnt));
      cell(tr, int(r.cartItmCnt));
      tbody.appendChild(tr);
    });
    $('#rank-page').textContent = String(state.page);
  }

  function renderSources(rows) {
    var tbody = $('#source-table tbody');
    tbody.textContent = '';
    (Array.isArray(rows) ? rows : []).forEach((r) => {
      var tr = document.createElement('tr');
      tr.dataset.pageId = String(val(r.pageId));
      cell(tr, String(val(r.pageName)));
      cell(tr, int(r.uv));
      cell(tr, money(r.payAmt));
      tbody.appendChild(tr);
    });
  }

  function showError(err) {
    var el = $('#error-banner');
    el.textContent = `数据加载失败:${err?.message ? err.message : String(err)}${err && err.code !== undefined ? ` (code ${err.code})` : ''}`;
    el.classList.add('show');
    body.dataset.renderError = String(err && err.code !== undefined ? err.code : 'unknown');
  }

  function rankUrl() {
    return `/ipoll/live/rank/item.json?device=0&index=${state.index}&keyword=&page=${state.page}&limit=10`;
  }

  function loadRank() {
    body.dataset.rankState = 'loading';
    viaXhr(rankUrl()).then(
      (d) => {
        renderRank(d);
        body.dataset.rankState = `${state.index}-${state.page}`;
      },
      (err) => showError(err),
    );
  }

  function load() {
    var seq = ++state.seq;
    delete body.dataset.renderedDate;
    delete body.dataset.renderError;
    body.dataset.renderState = 'loading';
    $('#loading-banner').classList.add('show');
    Promise.all([
      viaFetch(`/portal/live/new/index/overview/v3.json?${TODAY}`),
      viaXhr(`/portal/live/new/index/trend/v3.json?${TODAY}`),
      viaXhr(rankUrl()),
      viaFetch(`/flow/overview/live/shopFlowSourceTop/v4.json?${TODAY}&device=2&belong=all`),
      viaXhr('/ipoll/live/yesterday/getYesterdayTrade.json?'),
      viaXhr('/ipoll/live/yesterday/getYesterdayFlow.json?'),
    ]).then(
      (res) => {
        if (seq !== state.seq) return;
        var ov = res[0]?.data || {};
        renderCards($('#live-cards'), ov.today, ov.yestday, '昨日全天');
        var trade = res[4]?.data || {};
        var flow = res[5]?.data || {};
        renderCards($('#yesterday-cards'), {
          payAmt: typeof trade.payAmt === 'number' ? trade.payAmt / 100 : null,
          payByrCnt: trade.payByrCnt,
          payOrdCnt: trade.payOrdCnt,
          uv: flow.uv,
          pv: flow.pv,
        });
        renderCurve(res[1]);
        renderRank(res[2]);
        renderSources(res[3]);
        var upd = String(res[0]?.updateTime || '');
        $('#update-time').textContent = upd;
        var m = /(\d{2}):(\d{2}):\d{2}$/.exec(upd);
        if (m) body.dataset.snapshotMinute = String(Number(m[1]) * 60 + Number(m[2]));
        $('#loading-banner').classList.remove('show');
        body.dataset.renderState = 'done';
        body.dataset.renderedDate = BOOT.today;
      },
      (err) => {
        if (seq !== state.seq) return;
        $('#loading-banner').classList.remove('show');
        body.dataset.renderState = 'error';
        showError(err);
      },
    );
  }

  $('#refresh').addEventListener('click', load);
  $('#rank-index').addEventListener('change', (e) => {
    state.index = e.target.value;
    state.page = 1;
    loadRank();
  });
  $('#rank-prev').addEventListener('click', () => {
    if (state.page > 1) {
      state.page--;
      loadRank();
    }
  });
  $('#rank-next').addEventListener('click', () => {
    state.page++;
    loadRank();
  });
  $('#shop-switcher').addEventListener('change', (e) => {
    var domain = /(^|\.)taobao\.com$/.test(location.hostname) ? '; domain=.taobao.com' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: the sandbox shop switcher is a plain cookie, like the real console's session.
    document.cookie = `sandbox_shop=${e.target.value}; path=/${domain}; secure; samesite=none`;
    location.reload();
  });
  load();
}
