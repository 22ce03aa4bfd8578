/* sycm 首页 SPA (sandbox). Vanilla ES2017, no build step. Inlined into /portal/home.htm and invoked
 * as sandboxHome(BOOT). Overview is loaded with fetch, trend and table with XMLHttpRequest. */
function sandboxHome(BOOT) {
  'use strict';
  var state = { date: BOOT.date, metric: 'payAmt', seq: 0 };
  var KPI = {};
  BOOT.kpis.forEach(function (k) { KPI[k.code] = k; });
  var body = document.body;
  var $ = function (sel) { return document.querySelector(sel); };

  function addDays(date, n) {
    var d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }

  function groupDigits(v, dp) {
    return v.toLocaleString('zh-CN', { minimumFractionDigits: dp, maximumFractionDigits: dp });
  }

  function fmt(code, v) {
    v = num(v);
    if (v === null) return '-';
    var unit = (KPI[code] || {}).unit;
    switch (unit) {
      case 'money': return Math.abs(v) >= 10000 ? '¥' + (v / 10000).toFixed(2) + '万' : '¥' + groupDigits(v, 2);
      case 'count': return Math.abs(v) >= 10000 ? (v / 10000).toFixed(2) + '万' : groupDigits(v, 0);
      case 'rate': return (v * 100).toFixed(2) + '%';
      case 'seconds': return v.toFixed(2) + '秒';
      case 'hours': return v.toFixed(2) + '小时';
      case 'days': return v.toFixed(2) + '天';
      default: return String(v);
    }
  }

  function setCrc(el, v) {
    v = num(v);
    el.classList.remove('up', 'down');
    if (v === null) { el.textContent = '-'; return; }
    el.textContent = (v > 0 ? '↑' : v < 0 ? '↓' : '') + (Math.abs(v) * 100).toFixed(2) + '%';
    if (v > 0) el.classList.add('up');
    if (v < 0) el.classList.add('down');
  }

  function query(date) {
    return 'dateType=day&dateRange=' + date + '%7C' + date + '&needCycleCrc=true&token=' +
      encodeURIComponent(BOOT.token) + '&_=' + Date.now();
  }

  function ApiError(code, message) { this.code = code; this.message = message; }

  function unwrap(text) {
    var res;
    try { res = JSON.parse(text); } catch (e) { throw new ApiError('login', '登录已失效,请重新登录'); }
    if (!res || res.hasError) throw new ApiError('hasError', '请求失败');
    var content = res.content || {};
    if (content.code !== 0) throw new ApiError(content.code, content.message || '请求失败');
    return content.data;
  }

  var HEADERS = { 'Sycm-Referer': '/portal/home.htm', 'Onetrace-Card-Id': encodeURIComponent('pc新首页|数据概览') };

  function viaFetch(path, date) {
    return fetch(path + '?' + query(date), { credentials: 'include', headers: HEADERS })
      .then(function (r) { return r.text(); })
      .then(unwrap);
  }

  function viaXhr(path, date) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', path + '?' + query(date), true);
      xhr.withCredentials = true;
      Object.keys(HEADERS).forEach(function (h) { xhr.setRequestHeader(h, HEADERS[h]); });
      xhr.onload = function () {
        try { resolve(unwrap(xhr.responseText)); } catch (e) { reject(e); }
      };
      xhr.onerror = function () { reject(new ApiError('network', '网络异常')); };
      xhr.send();
    });
  }

  function valueOf(w) { return w && typeof w === 'object' ? w.value : undefined; }

  function renderCards(data) {
    var self = (data && data.self) || {};
    BOOT.cards.forEach(function (code) {
      var card = $('[data-kpi="' + code + '"]');
      if (!card) return;
      card.querySelector('.value').textContent = fmt(code, valueOf(self[code]));
      setCrc(card.querySelector('.crc-val'), self[code] && self[code].cycleCrc);
      card.classList.toggle('selected', code === state.metric);
    });
  }

  function renderTable(data) {
    var self = (data && data.self) || {};
    var ra = (data && data.rivalAvg) || {};
    var rg = (data && data.rivalGood) || {};
    BOOT.kpis.forEach(function (k) {
      var tr = $('tr[data-index-code="' + k.code + '"]');
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
    $('#trend-metric').textContent = (KPI[code] || {}).label || code;
    var mine = ((data && data.self && data.self[code]) || []).map(num);
    var peer = ((data && data.rivalAvg && data.rivalAvg[code]) || []).map(num);
    var dates = (data && data.statDate) || [];
    var all = mine.concat(peer).filter(function (v) { return v !== null; });
    var max = all.length ? Math.max.apply(null, all) : 1;
    var min = all.length ? Math.min.apply(null, all) : 0;
    if (max === min) { max += 1; min -= 1; }
    var pad = (max - min) * 0.1;
    max += pad; min = Math.max(0, min - pad);
    var W = 1000, H = 220, L = 60, R = 20, T = 12, B = 28;
    var n = Math.max(mine.length, 2);
    function x(i) { return L + (i * (W - L - R)) / (n - 1); }
    function y(v) { return T + (1 - (v - min) / (max - min)) * (H - T - B); }
    function path(series) {
      var d = '', pen = false;
      series.forEach(function (v, i) {
        if (v === null) { pen = false; return; }
        d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1) + ' ';
        pen = true;
      });
      return d;
    }
    function label(ms) {
      if (typeof ms !== 'number') return '';
      return new Date(ms + 8 * 3600 * 1000).toISOString().slice(5, 10);
    }
    var grid = '';
    for (var g = 0; g <= 4; g++) {
      var gv = min + ((max - min) * g) / 4;
      grid += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(gv) + '" y2="' + y(gv) + '" stroke="#f0f0f0"/>' +
        '<text x="' + (L - 6) + '" y="' + (y(gv) + 4) + '" font-size="11" fill="#999" text-anchor="end">' + fmt(code, gv).replace('¥', '') + '</text>';
    }
    var ticks = [0, 7, 14, 21, 29].map(function (i) {
      return '<text x="' + x(i) + '" y="' + (H - 8) + '" font-size="11" fill="#999" text-anchor="middle">' + label(dates[i]) + '</text>';
    }).join('');
    svg.innerHTML = grid + ticks +
      (peer.length ? '<path d="' + path(peer) + '" fill="none" stroke="#faad14" stroke-width="2" stroke-dasharray="6 4"/>' : '') +
      '<path class="self-line" d="' + path(mine) + '" fill="none" stroke="#1a66ff" stroke-width="2.5"/>';
  }

  function showError(err) {
    var el = $('#error-banner');
    el.textContent = '数据加载失败:' + (err && err.message ? err.message : String(err)) +
      (err && err.code !== undefined ? ' (code ' + err.code + ')' : '');
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
    return '/portal/home.htm?dateType=day&dateRange=' + date + '%7C' + date;
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
    ]).then(function (res) {
      if (seq !== state.seq) return;
      renderCards(res[0]);
      renderTrend(res[1]);
      renderTable(res[2]);
      $('#loading-banner').classList.remove('show');
      body.dataset.renderState = 'done';
      body.dataset.renderedDate = date;
    }, function (err) {
      if (seq !== state.seq) return;
      $('#loading-banner').classList.remove('show');
      body.dataset.renderState = 'error';
      showError(err);
    });
  }

  $('#prev-day').addEventListener('click', function () { load(addDays(state.date, -1), true); });
  $('#next-day').addEventListener('click', function () { load(addDays(state.date, 1), true); });
  $('#date-picker').addEventListener('change', function (e) {
    var v = e.target.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v !== state.date) load(v, true);
  });
  $('#shop-switcher').addEventListener('change', function (e) {
    var domain = /(^|\.)taobao\.com$/.test(location.hostname) ? '; domain=.taobao.com' : '';
    document.cookie = 'sandbox_shop=' + e.target.value + '; path=/' + domain + '; secure; samesite=none';
    location.reload();
  });
  BOOT.cards.forEach(function (code) {
    var card = $('[data-kpi="' + code + '"]');
    card.addEventListener('click', function () {
      state.metric = code;
      document.querySelectorAll('.card').forEach(function (c) { c.classList.toggle('selected', c === card); });
      if (lastTrend) renderTrend(lastTrend);
    });
  });
  window.addEventListener('popstate', function (e) {
    var d = e.state && e.state.date;
    if (!d) {
      var m = /dateRange=(\d{4}-\d{2}-\d{2})/.exec(location.search);
      d = m ? m[1] : BOOT.date;
    }
    load(d, false);
  });

  if (!/dateRange=/.test(location.search)) history.replaceState({ date: state.date }, '', pageUrl(state.date));
  else history.replaceState({ date: state.date }, '');
  load(state.date, false);
}
