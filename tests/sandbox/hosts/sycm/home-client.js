/* sycm 首页 SPA (sandbox). Vanilla modern JS (Chromium), no build step. Inlined into /portal/home.htm and invoked
 * as sandboxHome(BOOT). Overview is loaded with fetch, trend and table with XMLHttpRequest. */
// biome-ignore lint/correctness/noUnusedVariables: invoked by the inline bootstrap that home.ts appends.
function sandboxHome(BOOT) {
  var state = { date: BOOT.date, metric: 'payAmt', seq: 0 };
  var KPI = {};
  BOOT.kpis.forEach((k) => {
    KPI[k.code] = k;
  });
  var body = document.body;
  var $ = (sel) => document.querySelector(sel);

  function addDays(date, n) {
    var d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  function groupDigits(v, dp) {
    return v.toLocaleString('zh-CN', { minimumFractionDigits: dp, maximumFractionDigits: dp });
  }

  function fmt(code, v) {
    v = num(v);
    if (v === null) return '-';
    var unit = KPI[code]?.unit;
    switch (unit) {
      case 'money':
        return Math.abs(v) >= 10000 ? `¥${(v / 10000).toFixed(2)}万` : `¥${groupDigits(v, 2)}`;
      case 'count':
        return Math.abs(v) >= 10000 ? `${(v / 10000).toFixed(2)}万` : groupDigits(v, 0);
      case 'rate':
        return `${(v * 100).toFixed(2)}%`;
      case 'seconds':
        return `${v.toFixed(2)}秒`;
      case 'hours':
        return `${v.toFixed(2)}小时`;
      case 'days':
        return `${v.toFixed(2)}天`;
      default:
        return String(v);
    }
  }

  /** Compact axis label: 1.2万 / 3,786 / 2.15% (no currency sign, no decimals below 万). */
  function axisFmt(code, v) {
    var unit = KPI[code]?.unit;
    if (unit === 'rate') return `${(v * 100).toFixed(2)}%`;
    if (unit === 'money' || unit === 'count') {
      return Math.abs(v) >= 10000 ? `${(v / 10000).toFixed(1)}万` : groupDigits(Math.round(v), 0);
    }
    return v.toFixed(1);
  }

  function setCrc(el, v) {
    v = num(v);
    el.classList.remove('up', 'down');
    if (v === null) {
      el.textContent = '-';
      return;
    }
    el.textContent = `${(v > 0 ? '↑' : v < 0 ? '↓' : '') + (Math.abs(v) * 100).toFixed(2)}%`;
    if (v > 0) el.classList.add('up');
    if (v < 0) el.classList.add('down');
  }

  function query(date) {
    return `dateType=day&dateRange=${date}%7C${date}&needCycleCrc=true&token=${encodeURIComponent(BOOT.token)}&_=${Date.now()}`;
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
    if (!res || res.hasError) throw new ApiError('hasError', '请求失败');
    var content = res.content || {};
    if (content.code !== 0) throw new ApiError(content.code, content.message || '请求失败');
    return content.data;
  }

  var HEADERS = { 'Sycm-Referer': '/portal/home.htm', 'Onetrace-Card-Id': encodeURIComponent('pc新首页|数据概览') };

  function viaFetch(path, date) {
    return fetch(`${path}?${query(date)}`, { credentials: 'include', headers: HEADERS })
      .then((r) => r.text())
      .then(unwrap);
  }

  function viaXhr(path, date) {
    return new Promise((resolve, reject) => {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', `${path}?${query(date)}`, true);
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
      xhr.onerror = () => {
        reject(new ApiError('network', '网络异常'));
      };
      xhr.send();
    });
  }

  function wrappedValue(w) {
    return w && typeof w === 'object' ? w.value : undefined;
  }

  function renderCards(data) {
    var self = data?.self || {};
    BOOT.cards.forEach((code) => {
      var card = $(`[data-kpi="${code}"]`);
      if (!card) return;
      card.querySelector('.value').textContent = fmt(code, wrappedValue(self[code]));
      setCrc(card.querySelector('.crc-val'), self[code]?.cycleCrc);
      card.classList.toggle('selected', code === state.metric);
    });
  }

  function renderTable(data) {
    var self = data?.self || {};
    var ra = data?.rivalAvg || {};
    var rg = data?.rivalGood || {};
    BOOT.kpis.forEach((k) => {
      var tr = $(`tr[data-index-code="${k.code}"]`);
      if (!tr) return;
      var w = self[k.code] || {};
      tr.querySelector('.v').textContent = fmt(k.code, w.value);
      setCrc(tr.querySelector('.c'), w.cycleCrc);
      setCrc(tr.querySelector('.s'), w.syncCrc);
      tr.querySelector('.ra').textContent = ra[k.code] ? fmt(k.code, ra[k.code].value) : '-';
      tr.querySelector('.rg').textContent = rg[k.code] ? fmt(k.code, rg[k.code].value) : '-';
    });
  }

  var lastTrend = null;
  function renderTrend(data) {
    lastTrend = data;
    var svg = $('#trend-chart');
    var code = state.metric;
    $('#trend-metric').textContent = KPI[code]?.label || code;
    var mine = (data?.self?.[code] || []).map(num);
    var peer = (data?.rivalAvg?.[code] || []).map(num);
    var dates = data?.statDate || [];
    var all = mine.concat(peer).filter((v) => v !== null);
    var max = all.length ? Math.max.apply(null, all) : 1;
    var min = all.length ? Math.min.apply(null, all) : 0;
    if (max === min) {
      max += 1;
      min -= 1;
    }
    var pad = (max - min) * 0.1;
    max += pad;
    min = Math.max(0, min - pad);
    var W = 1000,
      H = 220,
      L = 60,
      R = 20,
      T = 12,
      B = 28;
    var n = Math.max(mine.length, 2);
    function x(i) {
      return L + (i * (W - L - R)) / (n - 1);
    }
    function y(v) {
      return T + (1 - (v - min) / (max - min)) * (H - T - B);
    }
    function path(series) {
      var d = '',
        pen = false;
      series.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${(pen ? 'L' : 'M') + x(i).toFixed(1)} ${y(v).toFixed(1)} `;
        pen = true;
      });
      return d;
    }
    function label(ms) {
      if (typeof ms !== 'number') return '';
      return new Date(ms + 8 * 3600 * 1000).toISOString().slice(5, 10);
    }
    let grid = '';
    for (let g = 0; g <= 4; g++) {
      const gy = y(min + ((max - min) * g) / 4);
      grid += `<line x1="${L}" x2="${W - R}" y1="${gy}" y2="${gy}" stroke="#f0f0f0"/>`;
      grid += `<text x="${L - 6}" y="${gy + 4}" font-size="11" fill="#999" text-anchor="end">${axisFmt(code, min + ((max - min) * g) / 4)}</text>`;
    }
    var ticks = [0, 7, 14, 21, 29]
      .map((i) => `<text x="${x(i)}" y="${H - 8}" font-size="11" fill="#999" text-anchor="middle">${label(dates[i])}</text>`)
      .join('');
    const peerLine = peer.length ? `<path d="${path(peer)}" fill="none" stroke="#faad14" stroke-width="2" stroke-dasharray="6 4"/>` : '';
    svg.innerHTML = `${grid}${ticks}${peerLine}<path class="self-line" d="${path(mine)}" fill="none" stroke="#1a66ff" stroke-width="2.5"/>`;
  }

  function showError(err) {
    var el = $('#error-banner');
    el.textContent = `数据加载失败:${err?.message ? err.message : String(err)}${err && err.code !== undefined ? ` (code ${err.code})` : ''}`;
    el.classList.add('show');
    body.dataset.renderError = String(err && err.code !== undefined ? err.code : 'unknown');
  }

  function syncControls() {
    var picker = $('#date-picker');
    picker.value = state.date;
    $('#stat-date').textContent = state.date;
    $('#prev-day').disabled = state.date <= BOOT.minDate;
    $('#next-day').disabled = state.date >= BOOT.maxDate;
  }

  function pageUrl(date) {
    return `/portal/home.htm?dateType=day&dateRange=${date}%7C${date}`;
  }

  function load(date, push) {
    state.date = date;
    var seq = ++state.seq;
    delete body.dataset.renderedDate;
    delete body.dataset.renderError;
    body.dataset.renderState = 'loading';
    $('#error-banner').classList.remove('show');
    $('#loading-banner').classList.add('show');
    syncControls();
    if (push) history.pushState({ date: date }, '', pageUrl(date));
    Promise.all([
      viaFetch('/portal/coreIndex/new/overview/v3.json', date),
      viaXhr('/portal/coreIndex/new/trend/v3.json', date),
      viaXhr('/portal/coreIndex/new/getTableData/v3.json', date),
    ]).then(
      (res) => {
        if (seq !== state.seq) return;
        renderCards(res[0]);
        renderTrend(res[1]);
        renderTable(res[2]);
        $('#loading-banner').classList.remove('show');
        body.dataset.renderState = 'done';
        body.dataset.renderedDate = date;
      },
      (err) => {
        if (seq !== state.seq) return;
        $('#loading-banner').classList.remove('show');
        body.dataset.renderState = 'error';
        showError(err);
      },
    );
  }

  $('#prev-day').addEventListener('click', () => {
    load(addDays(state.date, -1), true);
  });
  $('#next-day').addEventListener('click', () => {
    load(addDays(state.date, 1), true);
  });
  $('#date-picker').addEventListener('change', (e) => {
    var v = e.target.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v !== state.date) load(v, true);
  });
  $('#shop-switcher').addEventListener('change', (e) => {
    var domain = /(^|\.)taobao\.com$/.test(location.hostname) ? '; domain=.taobao.com' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: the sandbox shop switcher is a plain cookie, like the real console's session.
    document.cookie = `sandbox_shop=${e.target.value}; path=/${domain}; secure; samesite=none`;
    location.reload();
  });
  BOOT.cards.forEach((code) => {
    var card = $(`[data-kpi="${code}"]`);
    card.addEventListener('click', () => {
      state.metric = code;
      document.querySelectorAll('.card').forEach((c) => {
        c.classList.toggle('selected', c === card);
      });
      if (lastTrend) renderTrend(lastTrend);
    });
  });
  window.addEventListener('popstate', (e) => {
    var d = e.state?.date;
    if (!d) {
      const m = /dateRange=(\d{4}-\d{2}-\d{2})/.exec(location.search);
      d = m ? m[1] : BOOT.date;
    }
    load(d, false);
  });

  if (!/dateRange=/.test(location.search)) history.replaceState({ date: state.date }, '', pageUrl(state.date));
  else history.replaceState({ date: state.date }, '');
  load(state.date, false);
}
