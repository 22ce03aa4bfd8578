/* sycm 流量 SPA (sandbox): 店铺来源 and 流量总览. Vanilla JS, inlined by flow.ts and invoked with BOOT.
 * 店铺来源 loads the menu with fetch and the tree with XMLHttpRequest (like the real SPA); the
 * 手淘搜索 keyword drill-down loads on demand. Sets body[data-rendered-date] / [data-rendered-device]. */
(BOOT) => {
  var state = { date: BOOT.date, device: BOOT.device, seq: 0 };
  var body = document.body;
  var $ = (sel) => document.querySelector(sel);

  function addDays(date, n) {
    var d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
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
  function text(v) {
    var t = val(v);
    return t === null || t === undefined ? '' : String(t);
  }
  function cell(tr, content) {
    var td = document.createElement('td');
    td.textContent = content;
    tr.appendChild(td);
    return td;
  }

  function ApiError(code, message) {
    this.code = code;
    this.message = message;
  }
  function unwrap(textBody) {
    var res;
    try {
      res = JSON.parse(textBody);
    } catch (_e) {
      throw new ApiError('login', '登录已失效,请重新登录');
    }
    if (res?.content && typeof res.content === 'object') res = res.content;
    if (res?.code !== 0) throw new ApiError(res ? res.code : 'empty', res?.message || '请求失败');
    return res.data;
  }
  var HEADERS = { 'Sycm-Referer': location.pathname, 'Onetrace-Card-Id': encodeURIComponent('sycm-flow|店铺来源') };
  function base() {
    return `dateType=day&dateRange=${state.date}%7C${state.date}&device=${state.device}&belong=all`;
  }
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

  function renderMenu(rows) {
    var box = $('#menu-cards');
    box.textContent = '';
    (Array.isArray(rows) ? rows : []).forEach((r) => {
      var card = document.createElement('div');
      card.className = 'card';
      card.dataset.pageId = text(r.pageId);
      var label = document.createElement('div');
      label.className = 'label';
      label.textContent = text(r.pageName);
      var value = document.createElement('div');
      value.className = 'value';
      value.textContent = int(r.uv);
      var crc = document.createElement('div');
      crc.className = 'crc';
      crc.textContent = `占比 ${pct(r.uv?.ratio)}`;
      card.append(label, value, crc);
      box.appendChild(card);
    });
  }

  function renderTree(nodes) {
    var tbody = $('#source-table tbody');
    tbody.textContent = '';
    function row(n, level) {
      var tr = document.createElement('tr');
      tr.className = `lv${level}`;
      tr.dataset.pageId = text(n.pageId);
      var name = cell(tr, text(n.pageName));
      if (text(n.pageId) === '23.s1150') {
        const a = document.createElement('a');
        a.className = 'kw-link';
        a.id = 'open-keywords';
        a.textContent = '查看关键词';
        a.addEventListener('click', loadKeywords);
        name.appendChild(a);
      }
      cell(tr, int(n.uv));
      cell(tr, int(n.crtByrCnt));
      cell(tr, pct(n.crtRate));
      cell(tr, money(n.payAmt));
      cell(tr, int(n.payByrCnt));
      cell(tr, pct(n.payRate));
      cell(tr, money(n.uvValue));
      tbody.appendChild(tr);
      (Array.isArray(n.children) ? n.children : []).forEach((c) => {
        row(c, level + 1);
      });
    }
    (Array.isArray(nodes) ? nodes : []).forEach((n) => {
      row(n, 1);
    });
  }

  function renderTop(rows) {
    var tbody = $('#source-table tbody');
    tbody.textContent = '';
    (Array.isArray(rows) ? rows : []).forEach((n) => {
      var tr = document.createElement('tr');
      tr.dataset.pageId = text(n.pageId);
      cell(tr, text(n.pageName));
      cell(tr, int(n.uv));
      cell(tr, money(n.payAmt));
      cell(tr, pct(n.payRate));
      tbody.appendChild(tr);
    });
  }

  var LABELS = {
    uv: '访客数',
    itmUv: '商品访客数',
    pv: '浏览量',
    payByrCnt: '支付买家数',
    avgPv: '人均浏览量',
    newUv: '新访客数',
    oldUv: '老访客数',
    shopCltByrCnt: '关注店铺人数',
  };
  function renderOverview(block) {
    var box = $('#overview-cards');
    box.textContent = '';
    Object.keys(LABELS).forEach((k) => {
      var card = document.createElement('div');
      card.className = 'card';
      card.dataset.kpi = k;
      var label = document.createElement('div');
      label.className = 'label';
      label.textContent = LABELS[k];
      var value = document.createElement('div');
      value.className = 'value';
      value.textContent = k === 'avgPv' ? (num(block?.[k]) ?? '-').toString() : int(block?.[k]);
      card.append(label, value);
      box.appendChild(card);
    });
  }

  function loadKeywords() {
    body.dataset.keywordsState = 'loading';
    viaXhr(`/flow/v3/shop/source/detail.json?${base()}&pageId=23.s1150&pPageId=23&childPageType=se_keyword&page=1&pageSize=20`).then(
      (data) => {
        var rows = data && Array.isArray(data.data) ? data.data : [];
        var tbody = $('#keyword-table tbody');
        tbody.textContent = '';
        rows.forEach((r) => {
          var tr = document.createElement('tr');
          cell(tr, text(r.keyword));
          cell(tr, int(r.uv));
          cell(tr, int(r.payByrCnt));
          cell(tr, money(r.payAmt));
          cell(tr, pct(r.payRate));
          tbody.appendChild(tr);
        });
        $('#keyword-panel').hidden = false;
        body.dataset.keywordsState = 'done';
      },
      (err) => showError(err),
    );
  }

  function showError(err) {
    var el = $('#error-banner');
    el.textContent = `数据加载失败:${err?.message ? err.message : String(err)}${err && err.code !== undefined ? ` (code ${err.code})` : ''}`;
    el.classList.add('show');
    body.dataset.renderError = String(err && err.code !== undefined ? err.code : 'unknown');
  }

  function pageUrl() {
    return `${location.pathname}?belong=all&dateType=day&dateRange=${state.date}%7C${state.date}&device=${state.device}`;
  }

  function load(push) {
    var seq = ++state.seq;
    delete body.dataset.renderedDate;
    delete body.dataset.renderError;
    body.dataset.renderState = 'loading';
    $('#error-banner').classList.remove('show');
    $('#loading-banner').classList.add('show');
    $('#date-picker').value = state.date;
    $('#stat-date').textContent = state.date;
    $('#prev-day').disabled = state.date <= BOOT.minDate;
    $('#next-day').disabled = state.date >= BOOT.maxDate;
    $('#device').value = state.device;
    if (push) history.pushState({ date: state.date, device: state.device }, '', pageUrl());
    var calls =
      BOOT.page === 'shopsource'
        ? [
            viaFetch(`/flow/v3/shop/source/constitute/menu/v3.json?${base()}&activeKey=item`),
            viaXhr(`/flow/v5/shop/source/tree.json?${base()}&pageSize=100&page=1&order=desc&orderBy=uv&indexCode=uv%2CcrtByrCnt%2CcrtRate%2CpayAmt`),
          ]
        : [viaFetch(`/flow/new/guide/trend/overview.json?${base()}`), viaXhr(`/flow/v3/overview/shopFlowSourceTop/v4.json?${base()}`)];
    Promise.all(calls).then(
      (res) => {
        if (seq !== state.seq) return;
        if (BOOT.page === 'shopsource') {
          renderMenu(res[0]);
          renderTree(res[1]);
          $('#keyword-panel').hidden = true;
        } else {
          renderOverview(res[0]);
          renderTop(res[1]);
        }
        $('#loading-banner').classList.remove('show');
        body.dataset.renderState = 'done';
        body.dataset.renderedDevice = state.device;
        body.dataset.renderedDate = state.date;
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
    state.date = addDays(state.date, -1);
    load(true);
  });
  $('#next-day').addEventListener('click', () => {
    state.date = addDays(state.date, 1);
    load(true);
  });
  $('#date-picker').addEventListener('change', (e) => {
    var v = e.target.value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v !== state.date) {
      state.date = v;
      load(true);
    }
  });
  $('#device').addEventListener('change', (e) => {
    state.device = e.target.value;
    load(true);
  });
  $('#shop-switcher').addEventListener('change', (e) => {
    var domain = /(^|\.)taobao\.com$/.test(location.hostname) ? '; domain=.taobao.com' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: the sandbox shop switcher is a plain cookie, like the real console's session.
    document.cookie = `sandbox_shop=${e.target.value}; path=/${domain}; secure; samesite=none`;
    location.reload();
  });
  window.addEventListener('popstate', (e) => {
    if (e.state?.date) {
      state.date = e.state.date;
      state.device = e.state.device || state.device;
    }
    load(false);
  });
  history.replaceState({ date: state.date, device: state.device }, '', pageUrl());
  load(false);
}
